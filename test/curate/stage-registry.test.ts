/**
 * The stage registry: the config's stage union and its error messages come from it, curation
 * dispatches through it, and a stage defined in one module runs once registered.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SynthkitError } from '../../src/core/synthkit-error.js';
import { stageKinds } from '../../src/curate/config-schema.js';
import { parseCurateConfigObject } from '../../src/curate/load-curate-config.js';
import { curate, curateRecords } from '../../src/curate/run-curation.js';
import { CURATE_STAGES } from '../../src/curate/stage-registry.js';
import { RecipeError } from '../../src/recipe/recipe-error.js';
import { DatasetError } from '../../src/store/read-dataset.js';
import { tempDir } from '../support/paths.js';
import { shoutingStage } from './custom/shouting-stage.js';

const data = [
  { _id: 'calm', text: 'The booking page froze twice before I could confirm.' },
  { _id: 'loud', text: 'THE BOOKING PAGE FROZE TWICE!!! FIX IT NOW.' },
];

describe('stage registry', () => {
  it('is where the stage kinds, and each stage schema, come from', () => {
    expect(stageKinds).toEqual(CURATE_STAGES.map((s) => s.kind));
    expect(new Set(stageKinds).size).toBe(stageKinds.length);
    for (const stage of CURATE_STAGES) {
      expect(stage.schema.shape.stage.value).toBe(stage.kind);
      // Every stage is strict: a misspelt field fails instead of being ignored.
      expect(stage.schema.safeParse({ stage: stage.kind, no_such_field: 1 }).success).toBe(false);
    }
  });

  it('runs a stage defined in one module once it is registered', async () => {
    const stages = [...CURATE_STAGES, shoutingStage];
    const { records, summary } = await curateRecords(
      data,
      {
        stages: [
          { stage: 'length', min_words: 3 },
          { stage: 'shouting', max_caps_ratio: 0.5, action: 'flag' },
        ],
      },
      { out: tempDir(), stages },
    );
    expect(records.map((r) => r.decision)).toEqual(['kept', 'flagged']);
    expect(records[1].reasons).toEqual([{ stage: 'shouting', decision: 'flagged', reason: 'shouting' }]);
    expect(records[1].signals.shouting).toEqual({ caps_ratio: 1 });
    expect(summary.stages.map((s) => [s.name, s.stage, s.flagged])).toEqual([
      ['length', 'length', 0],
      ['shouting', 'shouting', 1],
    ]);
  });

  it('validates a registered stage from YAML like a built-in one, and only where it is registered', async () => {
    const dir = tempDir();
    const input = join(dir, 'data.jsonl');
    writeFileSync(input, `${data.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const config = join(dir, 'curate.yaml');
    writeFileSync(config, 'stages:\n  - stage: shouting\n    max_caps_ratio: 0.5\n');
    const summary = await curate(input, config, { out: join(dir, 'out'), stages: [...CURATE_STAGES, shoutingStage] });
    expect(summary).toMatchObject({ records: 2, kept: 1, dropped: 1 });

    writeFileSync(config, 'stages:\n  - stage: shouting\n    max_caps_ratio: 2\n');
    await expect(curate(input, config, { out: join(dir, 'out'), stages: [...CURATE_STAGES, shoutingStage] })).rejects.toThrow(
      /curate\.yaml:3:\d+ stages\[0\]\.max_caps_ratio: /,
    );
    // Without the registration the kind is unknown, and the message lists the built-in ones.
    expect(() => parseCurateConfigObject({ stages: [{ stage: 'shouting', max_caps_ratio: 0.5 }] })).toThrow(RecipeError);
    expect(() => parseCurateConfigObject({ stages: [{ stage: 'shouting', max_caps_ratio: 0.5 }] })).toThrow(
      /unknown or missing stage; expected one of: length, gopher-quality, .*, weight$/m,
    );
  });
});

describe('curating nothing', () => {
  it('an empty file is a DatasetError, not an empty success', async () => {
    const dir = tempDir();
    const input = join(dir, 'empty.jsonl');
    writeFileSync(input, '\n');
    const error = await curate(input, { stages: [{ stage: 'length', min_words: 3 }] }, { out: join(dir, 'out') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(SynthkitError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(`${input} holds no records; nothing to curate`);
  });

  it('so is an empty list of records', async () => {
    await expect(curateRecords([], { stages: [{ stage: 'length' }] }, { out: tempDir() })).rejects.toThrow(
      new DatasetError('no records were given; nothing to curate'),
    );
  });
});
