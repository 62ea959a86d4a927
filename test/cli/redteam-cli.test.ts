/**
 * `synthkit redteam` end to end, against the local OpenAI-wire mock server playing a model that
 * obeys "reply only with": planted documents and upstream columns, the table on stdout and the
 * JSON report, and --fail-on-change.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockLlmServer, type MockLlmServer } from '../support/mock-llm-server.js';
import { tempDir } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

let server: MockLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('synthkit redteam (CLI)', () => {
  it('plants payloads in documents and upstream columns and reports what changed', async () => {
    server = await startMockLlmServer({
      handler: (body) => {
        const prompt = (body.messages as { content: string }[]).map((m) => m.content).join('\n');
        return /reply only with:?\s*([^\n<]+)/i.exec(prompt)?.[1].trim() ?? 'A calm reply.';
      },
    });
    const dir = tempDir();
    const docs = join(dir, 'docs');
    mkdirSync(docs);
    writeFileSync(join(docs, 'policy.txt'), 'Library opening hours are 10am to 9pm. Late returns cost 15 cents a day per book.\n');
    const recipe = join(dir, 'recipe.yaml');
    writeFileSync(
      recipe,
      [
        'name: rt',
        'records: 1',
        'models:',
        `  m: { engine: openai-compatible, model: x, base_url: "${server.url}/v1", max_retries: 0 }`,
        'columns:',
        '  - { name: passage, kind: document-chunk, kb: docs }',
        '  - { name: question, kind: llm-text, model: m, prompt: "Ask a question about: {{ passage.text }}" }',
        '  - { name: answer, kind: llm-text, model: m, prompt: "Answer this question from a resident: {{ question }}" }',
      ].join('\n'),
    );
    const out = join(dir, 'rt');
    const r = await runCli(['redteam', recipe, '-o', out, '-n', '1', '-q', '--no-cache', '--fail-on-change']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^payload\s+plant\s+column/);
    expect(r.stdout).toMatch(/hijack\s+documents:passage\s+question\s+1\s+1\s+1\s+0\s+0/);
    expect(r.stdout).toMatch(/hijack\s+column:question\s+answer\s+1\s+1\s+1\s+0\s+0/);
    const report = JSON.parse(readFileSync(join(out, 'redteam.json'), 'utf8'));
    expect(report.plants).toEqual(['documents:passage', 'column:question']);
    expect(report.payloads).toHaveLength(8);
    expect(r.stdout).toContain(`payload x plant x column combinations changed an output; report: ${join(out, 'redteam.json')}`);
  });
});
