/**
 * The record page shows the exact prompts a generated record's LLM column was sent: the first
 * attempt and each repair, whether the reply came from a cache, every message as the run's
 * prompts table keeps it, and all of it escaped (a sampled value that is markup stays text).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRecords } from '../../src/generate/generate.js';
import { createMockEngine } from '../../src/models/mock-engine.js';
import { RunStore } from '../../src/store/run-store.js';
import { buildCatalog } from '../../src/studio/run-catalog.js';
import { escapeHtml } from '../../src/studio/html.js';
import { createStudioApp } from '../../src/studio/studio-app.js';

const root = mkdtempSync(join(tmpdir(), 'synthkit-record-prompts-'));
const HOSTILE_TOPICS = ['<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=1">'];
const recipe = {
  records: 2,
  models: { writer: { engine: 'openai-compatible' as const, model: 'w', base_url: 'http://127.0.0.1:9/v1' } },
  columns: [
    { name: 'topic', kind: 'category' as const, values: HOSTILE_TOPICS },
    {
      name: 'meta',
      kind: 'llm-object' as const,
      model: 'writer',
      prompt: 'Classify the complaint about {{ topic }} exactly.',
      schema: { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] },
    },
  ],
  generation: { max_repairs: 1 },
};
// The first reply of each record is not JSON, so each record has a first attempt and one repair.
const engine = () => createMockEngine({ replies: (request) => (request.messages.length === 1 ? 'not json at all' : '{"label": "fees"}') });
const cacheDir = join(root, 'cache');
const first = join(root, 'first');
const again = join(root, 'again');
await generateRecords(recipe, { out: first, engines: { writer: engine() }, cacheDir });
// The same recipe again, into another run: every reply now comes from the shared cache.
await generateRecords(recipe, { out: again, engines: { writer: engine() }, cacheDir });

const HOST = '127.0.0.1:4479';
const studio = createStudioApp({ runs: buildCatalog([first, again]), token: 't', requireToken: false, allowedHosts: () => new Set([HOST]) });
afterAll(() => studio.close());
const get = async (path: string) => (await studio.app.request(`http://${HOST}${path}`, { headers: { host: HOST } })).text();

function promptsOf(dir: string, idx: number) {
  const store = new RunStore(dir);
  try {
    return store.promptsOf(idx, 'meta');
  } finally {
    store.close();
  }
}

describe('record page prompts', () => {
  it('shows each attempt of an LLM column with the exact messages sent, escaped', async () => {
    for (const idx of [0, 1]) {
      const calls = promptsOf(first, idx);
      expect(calls).toHaveLength(2);
      const page = await get(`/runs/r0/records/${idx}`);
      expect(page).toContain('<b>First attempt</b>');
      expect(page).toContain('<b>Repair 1</b>');
      for (const call of calls) {
        expect(call.messages?.length).toBeGreaterThan(0);
        for (const m of call.messages!) expect(page).toContain(`<pre class="prompt"><b>${m.role}</b>\n${escapeHtml(m.content)}</pre>`);
      }
      // The template's text around the sampled value is there as sent; the value is text, not markup.
      const sent = calls[0].messages!.map((m) => m.content).join('\n');
      expect(sent).toContain('Classify the complaint about');
      expect(sent).toMatch(/<script>|<img src=x/);
      expect(page).toContain('Classify the complaint about');
      expect(page).not.toContain('<script>window');
      expect(page).not.toContain('<img src=x');
      expect(page).toMatch(/&lt;script&gt;window\.__pwned=1&lt;\/script&gt;|&lt;img src=x onerror=&quot;window\.__pwned=1&quot;&gt;/);
      // The repair prompt carries the model's bad reply and the request to fix it.
      expect(calls[1].messages!.length).toBeGreaterThan(calls[0].messages!.length);
      expect(page).toContain(escapeHtml(calls[1].messages!.at(-1)!.content));
    }
  });

  it('marks calls answered from the cache', async () => {
    const fresh = await get('/runs/r0/records/0');
    expect(fresh).not.toContain('(cached)');
    const cached = await get('/runs/r1/records/0');
    expect(promptsOf(again, 0).every((c) => c.cached)).toBe(true);
    expect(cached.match(/tokens \(cached\)/g)).toHaveLength(2);
    for (const call of promptsOf(again, 0)) for (const m of call.messages!) expect(cached).toContain(escapeHtml(m.content));
  });
});
