import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { ROW_GROUP_SIZE, writeDatasetFiles } from '../../src/export/index.js';
import { JSON_COLUMNS_KEY, writeParquet } from '../../src/export/parquet.js';
import { nestedParquetBuffer } from '../../src/export/nested-parquet.js';
import { ColumnTypes, inferColumnType, settle, typeOfValue, type NestedType } from '../../src/export/nested-types.js';
import { tempDir } from '../support/paths.js';

/** The whole-dataset merge rule the in-memory writer used before streaming: the reference the streaming inference must match. */
function mergeTypes(a: NestedType, b: NestedType): NestedType {
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === 'json' || b.kind === 'json') return { kind: 'json' } as NestedType;
  if ((a.kind === 'integer' && b.kind === 'number') || (a.kind === 'number' && b.kind === 'integer')) return { kind: 'number' };
  if (a.kind !== b.kind) return { kind: 'json' } as NestedType;
  if (a.kind === 'list' && b.kind === 'list') return { kind: 'list', element: mergeTypes(a.element, b.element) };
  if (a.kind === 'struct' && b.kind === 'struct') {
    const fields = new Map(a.fields);
    for (const [k, t] of b.fields) fields.set(k, mergeTypes(fields.get(k) ?? { kind: 'null' }, t));
    return { kind: 'struct', fields };
  }
  return a;
}

type Row = Record<string, unknown>;

async function readParquet(bytes: Uint8Array) {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const metadata = parquetMetadata(file);
  const schema = Object.fromEntries(metadata.schema.slice(1).map((e) => [e.name, e.type ?? 'group']));
  const jsonColumns = JSON.parse(metadata.key_value_metadata?.find((e) => e.key === JSON_COLUMNS_KEY)?.value ?? '[]');
  return { rows: await parquetReadObjects({ file }), metadata, schema, jsonColumns };
}

/** A source that makes its rows afresh on every pass and counts the passes. */
function counted(make: (i: number, pass: number) => Row, n: number) {
  const source = Object.assign(
    function* () {
      const pass = ++source.passes;
      for (let i = 0; i < n; i++) yield make(i, pass);
    },
    { passes: 0 },
  );
  return source;
}

const conversation = (i: number): Row => ({
  _id: i,
  topic: ['tides', 'rivers', 'glaciers'][i % 3],
  messages: [
    { role: 'user', content: `question ${i}` },
    { role: 'assistant', content: `answer ${i}` },
  ],
  score: i % 4 === 0 ? null : i / 2,
  _valid: i % 5 !== 0,
});

describe('streaming dataset export', () => {
  it('streams a source larger than one row group, one pass per format, and Parquet reads back whole', async () => {
    const n = ROW_GROUP_SIZE * 2 + 500;
    const source = counted(conversation, n);
    const dir = tempDir();
    const paths = await writeDatasetFiles(dir, source, { columns: ['_id', 'topic', 'messages', 'score', '_valid'] });
    expect(source.passes).toBe(3); // JSONL, CSV, Parquet: the Parquet types were gathered during JSONL

    const { rows, metadata, schema, jsonColumns } = await readParquet(readFileSync(paths[2]));
    expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual([ROW_GROUP_SIZE, ROW_GROUP_SIZE, 500]);
    expect(schema).toMatchObject({ _id: 'INT64', topic: 'BYTE_ARRAY', messages: 'group', score: 'DOUBLE', _valid: 'BOOLEAN' });
    expect(jsonColumns).toEqual([]);
    expect(rows).toHaveLength(n);
    for (const i of [0, 1, ROW_GROUP_SIZE - 1, ROW_GROUP_SIZE, n - 1]) {
      const want = conversation(i);
      expect(rows[i]).toEqual({ ...want, _id: BigInt(i) });
    }
    expect(readFileSync(paths[0], 'utf8').split('\n')).toHaveLength(n + 1);
  });

  it("writes a later row that does not fit the first row group's types by typing the column from every row", async () => {
    const groups = 100;
    // Past the first group: `count` turns from all-null to integers, `shape` from objects to a
    // string now and then, `late` appears, and a struct gains a field.
    const make = (i: number): Row => ({
      id: i,
      count: i < groups ? null : i,
      shape: i === 250 ? 'flat' : { w: i, h: 1 },
      meta: i < groups ? { a: 'x' } : { a: 'y', b: i },
      ...(i >= 2 * groups + 7 ? { late: `l${i}` } : {}),
    });
    const n = 3 * groups + 20;
    const source = counted(make, n);
    const path = join(tempDir(), 'widened.parquet');
    await writeParquet(path, source, undefined, { rowGroupSize: groups });
    expect(source.passes).toBe(2); // the first pass found a misfit and read on for the types only

    const all = Array.from({ length: n }, (_, i) => make(i));
    const streamed = await readParquet(readFileSync(path));
    const inMemory = await readParquet(nestedParquetBuffer(all));
    // The same schema (and JSON-text columns) as the in-memory writer, which sees every row at once.
    expect(streamed.metadata.schema).toEqual(inMemory.metadata.schema);
    expect(streamed.schema).toMatchObject({ id: 'INT64', count: 'INT64', shape: 'BYTE_ARRAY', meta: 'group', late: 'BYTE_ARRAY' });
    expect(streamed.jsonColumns).toEqual(['shape']);
    expect(streamed.rows).toEqual(inMemory.rows);
    expect(streamed.rows[250].shape).toBe('"flat"');
    expect(streamed.rows[251].shape).toBe('{"w":251,"h":1}');
    expect(streamed.rows[0]).toMatchObject({ count: null, meta: { a: 'x', b: null }, late: null });
    expect(streamed.metadata.row_groups).toHaveLength(4);
    expect(readdirSync(join(path, '..'))).toEqual(['widened.parquet']); // the discarded first try left no temp file
  });

  it('takes Parquet types from the first row group when Parquet is the only format, in one pass when they hold', async () => {
    const source = counted(conversation, 2500);
    const dir = tempDir();
    const [path] = await writeDatasetFiles(dir, source, { formats: ['parquet'], rowGroupSize: 1000 });
    expect(source.passes).toBe(1);
    const { rows, metadata } = await readParquet(readFileSync(path));
    expect(metadata.row_groups).toHaveLength(3);
    expect(rows[2499]).toEqual({ ...conversation(2499), _id: 2499n });
  });

  it('writes JSONL and CSV byte for byte as from an array, and Parquet too while it fits one group', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => ({ ...conversation(i), ...(i % 7 === 0 ? { note: 'a, "quoted"\nline' } : {}) }));
    for (const columns of [undefined, ['_id', 'note', 'messages', 'missing']]) {
      const fromArray = await writeDatasetFiles(tempDir(), rows, { columns });
      const fromFunction = await writeDatasetFiles(tempDir(), () => rows.values(), { columns });
      const fromGenerator = await writeDatasetFiles(tempDir(), rows.values(), { columns }); // one-shot: read into memory
      for (const i of [0, 1, 2]) {
        expect(readFileSync(fromFunction[i]).equals(readFileSync(fromArray[i]))).toBe(true);
        expect(readFileSync(fromGenerator[i]).equals(readFileSync(fromArray[i]))).toBe(true);
      }
    }
    // CSV first without columns: one pass for the header, one for the lines.
    const source = counted(conversation, 10);
    const [csv] = await writeDatasetFiles(tempDir(), source, { formats: ['csv'] });
    expect(source.passes).toBe(2);
    expect(readFileSync(csv, 'utf8').split('\r\n')[0]).toBe('_id,topic,messages,score,_valid');
  });

  it('gives up with an ExportError on a source whose rows keep changing, leaving no file', async () => {
    const source = counted((i, pass) => (i === 3 ? { a: i, [`k${pass}`]: 1 } : { a: i }), 4);
    const dir = tempDir();
    await expect(writeParquet(join(dir, 'x.parquet'), source, undefined, { rowGroupSize: 2 })).rejects.toMatchObject({
      name: 'ExportError',
      message: expect.stringMatching(/rows changed between 3 passes/),
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('ColumnTypes', () => {
  const reference = (values: unknown[]) => settle(values.reduce<NestedType>((t, v) => mergeTypes(t, typeOfValue(v)), { kind: 'null' }));
  const samples: unknown[][] = [
    [1, 2.5, null],
    [null, null],
    [1, 'x'],
    [[], [1], [null, 2]],
    [[], []],
    [{ a: 1 }, { b: 'x' }, { a: 2.5, c: [{ d: true }] }, null],
    [{}, {}],
    [{ a: [1] }, { a: { b: 1 } }],
    [[{ role: 'user', content: 'hi' }], [{ role: 'assistant', content: 'yo', extra: null }]],
    [Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i]))],
    [{ a: 1 }, Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i]))],
    [true, 1n, 3],
  ];

  it('folds values one at a time into the same type as merging them all', () => {
    for (const values of samples) expect(inferColumnType(values)).toEqual(reference(values));
  });

  it('reports a change only when a column is added or widened, and keeps fixed columns', () => {
    const open = new ColumnTypes();
    expect(open.add({ a: 1, b: null })).toBe(true);
    expect(open.add({ a: 2, b: null })).toBe(false);
    expect(open.add({ a: 2.5 })).toBe(true);
    expect(open.add({ c: [{ x: 1 }] })).toBe(true);
    expect(open.add({ c: [{ x: 2 }, { x: null }] })).toBe(false);
    expect(open.columns()).toEqual(['a', 'b', 'c']);
    expect(open.settled().get('b')).toEqual({ kind: 'string' });

    const fixed = new ColumnTypes(['z', 'a']);
    expect(fixed.add({ a: 'x', other: 1 })).toBe(true);
    expect(fixed.columns()).toEqual(['z', 'a']);
  });

  it('keeps a map keyed by data from growing: past MAX_STRUCT_FIELDS keys it is JSON text', () => {
    const types = new ColumnTypes();
    for (let i = 0; i < 1000; i++) types.add({ m: { [`id${i}`]: i } });
    expect(types.typeOf('m')).toEqual({ kind: 'json' });
  });
});
