/** A recipe's curate: and evaluate: sections run after generation, using the recipe's own models. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generate } from '../../src/pipeline/run-pipeline.js';
import { parseRecipeYaml } from '../../src/pipeline/load-pipeline-recipe.js';
import { startMockLlmServer, type MockLlmServer } from '../support/mock-llm-server.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/paths.js';

let server: MockLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const recipe = (url: string, failOn = '') => `records: 6
models:
  m: { engine: openai-compatible, model: x, base_url: "${url}/v1" }
columns:
  - { name: topic, kind: category, values: [fees, queues, parking] }
  - { name: text, kind: llm-text, model: m, prompt: "Write a complaint about {{ topic }}." }
curate:
  text_field: text
  stages:
    - { stage: exact-dedup }
    - stage: judge
      model: m
      rubric: { criteria: Is it a complaint?, scale: [1, 2, 3], levels: { "1": no, "2": partly, "3": yes } }
evaluate:
  columns: [text]
  ${failOn}
`;

describe('recipe curate: and evaluate: sections', () => {
  it('curates and evaluates after generation, and a failed threshold gives exit 3', async () => {
    server = await startMockLlmServer({
      handler: (body) =>
        body.response_format ? { score: 3, rationale: 'a complaint' } : `Complaint about ${body.messages.at(-1).content.length % 2 ? 'fees' : 'waiting'}.`,
    });
    const out = tempDir();
    const summary = await generate(parseRecipeYaml(recipe(server.url)), { out, cache: false });
    expect(summary.curation!.records).toBe(6);
    expect(summary.curation!.stages.map((s) => s.stage)).toEqual(['exact-dedup', 'judge']);
    expect(summary.curation!.dropped).toBeGreaterThan(0); // the mock writes only two distinct texts
    expect(existsSync(join(out, 'curated', 'curated.jsonl'))).toBe(true);
    expect(summary.evaluation!.failedThresholds).toEqual([]);
    const report = readFileSync(join(out, 'evaluation', 'report.html'), 'utf8');
    expect(report).toContain('<svg');

    const file = join(tempDir(), 'gated.yaml');
    writeFileSync(file, recipe(server.url, 'fail_on: [{ metric: diversity.text.distinct_1, min: 0.99 }]'));
    const gated = await runCli(['generate', file, '--out', join(tempDir(), 'run'), '--no-cache', '-q']);
    expect(gated.code, gated.stderr).toBe(3);
    expect(gated.stderr).toMatch(/threshold failed: .*distinct_1/);
  });

  it('names the path of a problem inside the curate: section', () => {
    expect(() =>
      parseRecipeYaml(
        `records: 1
columns:
  - { name: a, kind: category, values: [x] }
curate:
  stages:
    - { stage: near-dedupe }
`,
        'r.yaml',
      ),
    ).toThrow(/r\.yaml:6:\d+ curate\.stages\[0\]/);
  });
});
