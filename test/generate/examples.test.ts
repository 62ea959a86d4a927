/** Every example recipe runs end to end on the tiny local model (a few records each). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/pipeline/run-pipeline.js';
import { ROOT, STORIES_MODEL, tempDir } from '../support/paths.js';

const recipes = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml'));

describe.each(recipes)('example %s', (file) => {
  it('generates records on the tiny model', async () => {
    const out = tempDir();
    const records = file.includes('conversation') ? 2 : 4;
    const summary = await generate(join(ROOT, 'examples', file), { out, records, localModel: STORIES_MODEL, cache: false });
    const rows = readFileSync(join(out, 'dataset.jsonl'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(records);
    expect(summary.records).toBe(records);
  });
});
