import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { JSON_COLUMNS_KEY, writeParquet } from '../../src/export/parquet.js';
import { tempDir } from '../support/paths.js';

async function readBack(path: string) {
  const bytes = readFileSync(path);
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const metadata = parquetMetadata(file);
  const schema = Object.fromEntries(
    metadata.schema.slice(1).map((e) => [e.name, { type: e.type, converted: e.converted_type, repetition: e.repetition_type }]),
  );
  const rows = await parquetReadObjects({ file });
  return { rows, schema, metadata };
}

describe('writeParquet', () => {
  it('infers column types, keeps nulls, and stores values whose shapes clash as JSON text', async () => {
    const dir = tempDir();
    const path = join(dir, 'd.parquet');
    const records = [
      { id: 1, ok: true, score: 0.5, name: 'Ada, "the first"', meta: { tags: ['a'], n: 1 }, mixed: 1, big: 2 ** 60, empty: null },
      { id: 2, ok: null, score: 2, name: null, meta: null, mixed: 'one', big: 3 },
      { id: null, ok: false, score: null, name: '東京 🙂', meta: [1, { x: null }], mixed: true, big: null },
    ];
    await writeParquet(path, records);
    expect(readdirSync(dir)).toEqual(['d.parquet']);
    const { rows, schema, metadata } = await readBack(path);

    expect(schema).toEqual({
      id: { type: 'INT64', converted: undefined, repetition: 'OPTIONAL' },
      ok: { type: 'BOOLEAN', converted: undefined, repetition: 'OPTIONAL' },
      score: { type: 'DOUBLE', converted: undefined, repetition: 'OPTIONAL' },
      name: { type: 'BYTE_ARRAY', converted: 'UTF8', repetition: 'OPTIONAL' },
      meta: { type: 'BYTE_ARRAY', converted: 'UTF8', repetition: 'OPTIONAL' },
      mixed: { type: 'BYTE_ARRAY', converted: 'UTF8', repetition: 'OPTIONAL' },
      big: { type: 'DOUBLE', converted: undefined, repetition: 'OPTIONAL' },
      empty: { type: 'BYTE_ARRAY', converted: 'UTF8', repetition: 'OPTIONAL' },
    });
    expect(rows.map((r) => r.id)).toEqual([1n, 2n, null]);
    expect(rows.map((r) => r.ok)).toEqual([true, null, false]);
    expect(rows.map((r) => r.score)).toEqual([0.5, 2, null]);
    expect(rows.map((r) => r.name)).toEqual(['Ada, "the first"', null, '東京 🙂']);
    expect(rows.map((r) => r.meta)).toEqual(['{"tags":["a"],"n":1}', null, '[1,{"x":null}]']);
    expect(rows.map((r) => r.mixed)).toEqual(['1', '"one"', 'true']);
    expect(rows.map((r) => r.big)).toEqual([2 ** 60, 3, null]);
    expect(rows.map((r) => r.empty)).toEqual([null, null, null]);
    const kv = metadata.key_value_metadata?.find((e) => e.key === JSON_COLUMNS_KEY);
    expect(JSON.parse(kv?.value ?? 'null')).toEqual(['meta', 'mixed']);
  });

  it('follows the given columns, writing missing keys as null', async () => {
    const path = join(tempDir(), 'c.parquet');
    await writeParquet(path, [{ a: 'x', b: 1, dropped: 'no' }, { a: 'y' }], ['b', 'a']);
    const { rows, schema } = await readBack(path);
    expect(Object.keys(schema)).toEqual(['b', 'a']);
    expect(rows).toEqual([
      { b: 1n, a: 'x' },
      { b: null, a: 'y' },
    ]);
  });

  it('writes a valid zero-row file for no records, with or without columns', async () => {
    const dir = tempDir();
    await writeParquet(join(dir, 'cols.parquet'), [], ['a', 'b']);
    const withColumns = await readBack(join(dir, 'cols.parquet'));
    expect(withColumns.metadata.num_rows).toBe(0n);
    expect(Object.keys(withColumns.schema)).toEqual(['a', 'b']);
    expect(withColumns.rows).toEqual([]);

    await writeParquet(join(dir, 'none.parquet'), []);
    const none = await readBack(join(dir, 'none.parquet'));
    expect(none.metadata.num_rows).toBe(0n);
    expect(none.rows).toEqual([]);
  });
});

describe('dataset.parquet nested values', () => {
  it('stores consistent objects and arrays as real struct and list columns, not JSON text', async () => {
    const path = join(tempDir(), 'n.parquet');
    const records = [
      { persona: { age_band: '25-34', region: 'north' }, messages: [{ role: 'user', content: 'hi' }], _sources: [{ id: 'c1', start: 0, end: 5 }] },
      {
        persona: { age_band: '35-44', region: 'east' },
        messages: [
          { role: 'user', content: 'yo' },
          { role: 'assistant', content: 'hello' },
        ],
        _sources: null,
      },
    ];
    await writeParquet(path, records);
    const { rows, metadata } = await readBack(path);
    expect(metadata.key_value_metadata?.find((e) => e.key === JSON_COLUMNS_KEY)).toBeUndefined();
    const groups = metadata.schema.filter((e) => e.num_children).map((e) => e.name);
    expect(groups).toEqual(expect.arrayContaining(['persona', 'messages', '_sources']));
    expect(rows[0].persona).toEqual({ age_band: '25-34', region: 'north' });
    expect(rows[1].messages).toEqual([
      { role: 'user', content: 'yo' },
      { role: 'assistant', content: 'hello' },
    ]);
  });
});
