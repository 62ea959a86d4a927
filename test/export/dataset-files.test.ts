import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { writeDatasetFiles } from '../../src/export/index.js';
import { tempDir } from '../support/paths.js';

describe('writeDatasetFiles', () => {
  it('writes jsonl, csv and parquet with the same columns and returns their paths', async () => {
    const dir = join(tempDir(), 'run'); // created on demand
    const records = [
      { _id: 0, text: 'a,b', extra: 'kept out' },
      { _id: 1, text: 'c' },
    ];
    const paths = await writeDatasetFiles(dir, records, { columns: ['_id', 'text', 'score'] });
    expect(paths).toEqual(['jsonl', 'csv', 'parquet'].map((f) => join(dir, `dataset.${f}`)));
    expect(readdirSync(dir).sort()).toEqual(['dataset.csv', 'dataset.jsonl', 'dataset.parquet']);

    const jsonl = readFileSync(paths[0], 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(jsonl).toEqual([
      { _id: 0, text: 'a,b', score: null },
      { _id: 1, text: 'c', score: null },
    ]);
    expect(readFileSync(paths[1], 'utf8')).toBe('_id,text,score\r\n0,"a,b",\r\n1,c,\r\n');
    const bytes = readFileSync(paths[2]);
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
    expect(rows).toEqual([
      { _id: 0n, text: 'a,b', score: null },
      { _id: 1n, text: 'c', score: null },
    ]);
  });

  it('honours basename and formats, and rejects an unknown format', async () => {
    const dir = tempDir();
    function* gen() {
      yield { a: 1 };
    }
    const paths = await writeDatasetFiles(dir, gen(), { basename: 'train', formats: ['csv', 'jsonl'] });
    expect(paths).toEqual([join(dir, 'train.csv'), join(dir, 'train.jsonl')]);
    expect(readFileSync(paths[1], 'utf8')).toBe('{"a":1}\n');
    await expect(writeDatasetFiles(dir, [], { formats: ['xlsx' as 'csv'] })).rejects.toThrow(/unknown dataset format "xlsx"/);
  });
});
