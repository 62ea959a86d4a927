import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { generate } from '../../src/pipeline/run-pipeline.js';
import { readJsonl } from '../support/run-fixtures.js';
import { ROOT, STORIES_MODEL, tempDir } from '../support/paths.js';
import { FORMAT_SCHEMAS } from '../export/training/format-schemas.js';

describe('examples/self-instruct.yaml', () => {
  it('runs on the tiny model: seed tasks -> instructions -> responses -> filters -> Alpaca and TRL files with a card', async () => {
    const out = join(tempDir(), 'run');
    const summary = await generate(join(ROOT, 'examples/self-instruct.yaml'), { out, records: 6, localModel: STORIES_MODEL, cacheDir: tempDir() });
    expect(summary.curation?.stages.map((s) => s.name)).toEqual([
      'instruction_length',
      'unsupported_media',
      'starts_with_text',
      'response_length',
      'near_dedup',
    ]);
    const manifest = summary.export!;
    expect(manifest.records).toBe(6);
    // Every record either went in or was left out for a counted reason.
    expect(manifest.exported + Object.values(manifest.excluded).reduce((a, b) => a + b, 0)).toBe(6);
    expect(manifest.exported).toBeGreaterThan(0);
    const alpaca = ajv.compile(FORMAT_SCHEMAS.alpaca);
    for (const split of manifest.formats.find((f) => f.name === 'alpaca')!.splits)
      for (const row of readJsonl(join(out, 'export', split.jsonl))) expect(alpaca(row), JSON.stringify(alpaca.errors)).toBe(true);
    const card = readFileSync(join(out, 'export', 'README.md'), 'utf8');
    expect(card).toContain('pretty_name: Self-Instruct synthetic instructions');
    expect(card).toContain('| instruction_length | length |');
    expect(card).not.toContain(ROOT);
  }, 60_000);
});

const ajv = new Ajv();
