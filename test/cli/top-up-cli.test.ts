import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockLlmServer, type MockLlmServer } from '../support/mock-llm-server.js';
import { tempDir } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

let server: MockLlmServer | undefined;
afterAll(async () => server?.close());

describe('synthkit generate --top-up (CLI)', () => {
  it('fills the group curation left short and prints target vs achieved with the test', async () => {
    let fCalls = 0;
    server = await startMockLlmServer({
      handler: (body) => (JSON.stringify(body.messages).includes('group f') && fCalls++ % 2 === 0 ? 'short' : 'a fine long complaint about the queue'),
    });
    const dir = tempDir();
    const recipe = join(dir, 'recipe.yaml');
    writeFileSync(
      recipe,
      `name: quota-cli
records: 12
seed: 3
models:
  writer: { engine: openai-compatible, model: m, base_url: "${server.url}/v1", max_retries: 0 }
columns:
  - { name: who, kind: joint, dimensions: { gender: { values: [f, m] } }, mode: stratified }
  - { name: text, kind: llm-text, model: writer, prompt: "Write as group {{ who.gender }}." }
curate:
  stages: [{ stage: length, field: text, min_words: 3 }]
`,
    );
    const quotas = join(dir, 'quotas.yaml');
    writeFileSync(quotas, 'joint: who\nmax_extra: 30\n');
    const out = join(dir, 'run');
    const r = await runCli(['generate', recipe, '--out', out, '--top-up', quotas, '-q'], { SYNTHKIT_CACHE_DIR: tempDir() });
    expect(r.stderr).not.toMatch(/synthkit: /);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/quotas over who\.gender \(met\)/);
    expect(r.stderr).toMatch(/chi-square [\d.]+, df 1, p = /);
    const fairness = JSON.parse(readFileSync(join(out, 'fairness.json'), 'utf8'));
    expect(fairness.before.met).toBe(false);
    expect(fairness.after.met).toBe(true);
  });
});
