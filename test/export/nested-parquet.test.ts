import { describe, expect, it } from 'vitest';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { nestedParquetBuffer } from '../../src/export/nested-parquet.js';
import { JSON_COLUMNS_KEY } from '../../src/export/parquet.js';

const read = async (buf: Uint8Array) => {
  const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  return { rows: await parquetReadObjects({ file }), metadata: parquetMetadata(file) };
};

describe('nested Parquet', () => {
  const rows = [
    {
      id: 1,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'yo' },
      ],
      persona: { age: 30, tags: ['a'] },
      score: 2,
      mixed: 'x',
    },
    { id: 2, messages: [], persona: null, score: 2.5, mixed: { k: 1 } },
    { id: 3, messages: null, persona: { age: 41, tags: [], city: 'Lyon' }, score: null, mixed: null },
  ];

  it('writes lists and structs as Parquet LIST and group columns that read back as values', async () => {
    const { rows: back, metadata } = await read(nestedParquetBuffer(rows));
    const schema = parquetSchema(metadata);
    const messages = schema.children.find((c) => c.element.name === 'messages')!;
    expect(messages.element.converted_type).toBe('LIST');
    expect(messages.children[0].children[0].children.map((c) => c.element.name)).toEqual(['role', 'content']);
    const persona = schema.children.find((c) => c.element.name === 'persona')!;
    expect(persona.children.map((c) => c.element.name)).toEqual(['age', 'tags', 'city']);
    expect(back[0].messages).toEqual(rows[0].messages);
    expect(back[1].messages).toEqual([]);
    expect(back[2].messages ?? null).toBeNull();
    expect(back[0].persona).toEqual({ age: 30n, tags: ['a'], city: null });
    expect(back[2].persona).toEqual({ age: 41n, tags: [], city: 'Lyon' });
    expect(back.map((r) => r.score ?? null)).toEqual([2, 2.5, null]);
  });

  it('falls back to JSON text only where types clash, and lists those columns in the metadata', async () => {
    const { rows: back, metadata } = await read(nestedParquetBuffer(rows));
    expect(back[1].mixed).toBe('{"k":1}');
    expect(JSON.parse(metadata.key_value_metadata!.find((kv) => kv.key === JSON_COLUMNS_KEY)!.value!)).toEqual(['mixed']);
  });

  it('is deterministic: the same rows give the same bytes', () => {
    expect(Buffer.from(nestedParquetBuffer(rows)).equals(Buffer.from(nestedParquetBuffer(structuredClone(rows))))).toBe(true);
  });
});

describe('nested Parquet limits', () => {
  it('stores an object keyed by data (hundreds of distinct keys) as JSON text, not a struct of hundreds of columns', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ counts: { [`id${i}`]: i } }));
    const buf = nestedParquetBuffer(rows);
    const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    const back = await parquetReadObjects({ file });
    expect(back[5].counts).toBe('{"id5":5}');
  });
});
