/**
 * Run directories for review and studio tests, written through the real RunStore: records with a
 * label, judge-like signals and token confidence, some of them hostile (script tags, event
 * handlers, javascript: URLs, an RTL override) so every page can be checked for escaping.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunStore } from '../../src/store/run-store.js';

export const HOSTILE_TEXTS = [
  '<script>window.__pwned = (window.__pwned || 0) + 1</script>hello',
  '<img src=x onerror="window.__pwned = (window.__pwned || 0) + 1">',
  '<a href="javascript:window.__pwned=1">click me</a>',
  'invoice\u202Egpj.exe and <svg onload="window.__pwned=1">',
  '"><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
];

export interface StudioRunOptions {
  records: number;
  hostile?: boolean;
  dir?: string;
}

export function makeStudioRun(options: StudioRunOptions): string {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'synthkit-studio-'));
  const store = new RunStore(dir);
  const labels = ['billing', 'access', 'waiting'];
  writeFileSync(
    join(dir, 'recipe.json'),
    JSON.stringify({ records: options.records, models: { writer: { engine: 'openai-compatible', model: 'm', base_url: 'http://127.0.0.1:9/v1' } } }),
  );
  for (let i = 0; i < options.records; i++) {
    const hostile = options.hostile && i < HOSTILE_TEXTS.length ? HOSTILE_TEXTS[i] : undefined;
    const text = hostile ?? `Complaint ${i} about ${labels[i % 3]} at the clinic: the ${labels[i % 3]} problem made me wait. Call me on 9123 4567.`;
    const logprobMean = -0.05 - (i % 7) * 0.1;
    store.queueRecord({
      idx: i,
      data: { topic: labels[i % 3], label: labels[i % 3], text, _logprobs: { text: { mean: logprobMean, min: logprobMean * 3 } } },
      valid: i % 11 !== 5,
      errors: i % 11 === 5 ? ['text: invalid_reply'] : [],
    });
    store.queueCell({
      idx: i,
      column: 'text',
      value: text,
      ok: true,
      raw: `RAW ${text}`,
      reasoning: `because ${i}`,
      logprobs: { mean: logprobMean, min: logprobMean * 3 },
      attempts: 1 + (i % 2),
      fewShot: [i % 4],
      sources: [{ id: `doc#${i}`, source: 'policy.md', start: 0, end: 40 }],
    });
    store.queueCall({ idx: i, column: 'text', model: 'writer', inputTokens: 20, outputTokens: 30, cached: false, ms: 5 }, `key-${i}`, {
      text,
      usage: { inputTokens: 20, outputTokens: 30 },
    });
  }
  store.close();
  return dir;
}
