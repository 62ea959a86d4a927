import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { generate } from '../../src/pipeline/run-pipeline.js';
import { readJsonl } from '../support/run-fixtures.js';
import { ROOT, STORIES_MODEL, tempDir } from '../support/paths.js';
import { FORMAT_SCHEMAS } from '../export/training/format-schemas.js';

describe('examples/evol-instruct.yaml', () => {
  it('runs on the tiny model: evolves instructions, eliminates failed evolutions with their reasons, exports ShareGPT and OpenAI chat', async () => {
    const out = join(tempDir(), 'run');
    const summary = await generate(join(ROOT, 'examples/evol-instruct.yaml'), { out, records: 6, localModel: STORIES_MODEL, cacheDir: tempDir() });
    const stages = summary.curation!.stages;
    expect(stages.map((s) => s.name)).toEqual(['no_information_gain', 'copied_evolving_prompt', 'sorry_and_short', 'response_not_empty']);
    // Each eliminated record is dropped by a named elimination, and never exported.
    const all = readJsonl(join(out, 'curated', 'all.jsonl'));
    const dropped = all.filter((r) => r._decision === 'dropped');
    // The tiny model's stories apologise often: the elimination must have fired (seeded, so stable).
    expect(dropped.length).toBeGreaterThan(0);
    for (const r of dropped) expect(stages.map((s) => s.name)).toContain(r._reasons[0].stage);
    for (const r of all.filter((r) => r._reasons.some((x: { stage: string }) => x.stage === 'sorry_and_short'))) {
      expect(String(r.response).toLowerCase()).toContain('sorry');
    }
    const exported = summary.export!.formats.find((f) => f.name === 'openai-chat')!.splits.flatMap((s) => readJsonl(join(out, 'export', s.jsonl)));
    expect(exported).toHaveLength(summary.export!.exported);
    const dropIds = new Set(dropped.map((r) => r.response));
    for (const row of exported) expect(dropIds.has(row.messages.at(-1).content)).toBe(false);
    const validate = new Ajv().compile(FORMAT_SCHEMAS['openai-chat']);
    for (const row of exported) expect(validate(row), JSON.stringify(validate.errors)).toBe(true);
  }, 60_000);
});
