/**
 * Parquet with real nested types: an array becomes a LIST column (the three-level form of the
 * Parquet spec, "Nested Types" / LogicalTypes.md: `<name> (LIST) { repeated group list { element } }`),
 * an object a struct (group) column, so DuckDB, pyarrow, pandas and Hugging Face `datasets` see
 * `list<struct<role: string, content: string>>` where the flat writer (parquet.ts) stores JSON text.
 *
 * One type per column is inferred from every value (not a sample):
 * - null merges with anything; integer and fraction merge to DOUBLE; two structs merge to the
 *   union of their fields (a field missing from a record is null there); two lists merge their
 *   element types; an empty list takes its element type from the other lists (STRING if none).
 * - anything that does not merge (a string in one record, an object in another; an empty object
 *   everywhere, which Parquet cannot express as a group; objects with more than MAX_STRUCT_FIELDS
 *   distinct keys, which are maps keyed by data rather than records) falls back to STRING holding JSON text,
 *   at whatever depth it happens, and its dotted path is listed in the key-value metadata under
 *   `synthkit.json_columns`, exactly as the flat writer does.
 * Every node is OPTIONAL, so nulls are legal everywhere; struct fields keep first-seen order, so
 * the same records give the same schema and the same bytes.
 */
import { parquetWriteBuffer, type ColumnSource, type ParquetWriteOptions } from 'hyparquet-writer';
import { columnsOf } from './csv.js';

/** Key-value metadata key naming the columns (dotted paths) whose cells are JSON text. */
export const JSON_COLUMNS_KEY = 'synthkit.json_columns';

/** hyparquet-writer's own schema element type (it bundles its own hyparquet). */
type SchemaElement = NonNullable<ParquetWriteOptions['schema']>[number];

export type NestedType =
  | { kind: 'null' }
  | { kind: 'boolean' }
  | { kind: 'integer' }
  | { kind: 'number' }
  | { kind: 'string' }
  | { kind: 'json' }
  | { kind: 'list'; element: NestedType }
  | { kind: 'struct'; fields: Map<string, NestedType> };

/** Above this many distinct keys an object column is stored as JSON text rather than a struct. */
export const MAX_STRUCT_FIELDS = 256;

const NULL: NestedType = { kind: 'null' };
const JSON_TEXT: NestedType = { kind: 'json' };

/** The type of one value, before merging. */
export function typeOfValue(value: unknown): NestedType {
  if (value === null || value === undefined) return NULL;
  switch (typeof value) {
    case 'boolean':
      return { kind: 'boolean' };
    case 'bigint':
      return { kind: 'integer' };
    case 'number':
      return Number.isSafeInteger(value) ? { kind: 'integer' } : { kind: 'number' };
    case 'string':
      return { kind: 'string' };
    case 'object': {
      if (Array.isArray(value)) return { kind: 'list', element: value.reduce<NestedType>((t, v) => mergeTypes(t, typeOfValue(v)), NULL) };
      const fields = new Map<string, NestedType>();
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) fields.set(k, typeOfValue(v));
      return { kind: 'struct', fields };
    }
    default:
      return JSON_TEXT;
  }
}

/** The narrowest type holding both; JSON text when nothing narrower does. */
export function mergeTypes(a: NestedType, b: NestedType): NestedType {
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === 'json' || b.kind === 'json') return JSON_TEXT;
  if ((a.kind === 'integer' && b.kind === 'number') || (a.kind === 'number' && b.kind === 'integer')) return { kind: 'number' };
  if (a.kind !== b.kind) return JSON_TEXT;
  if (a.kind === 'list' && b.kind === 'list') return { kind: 'list', element: mergeTypes(a.element, b.element) };
  if (a.kind === 'struct' && b.kind === 'struct') {
    const fields = new Map(a.fields);
    for (const [k, t] of b.fields) fields.set(k, mergeTypes(fields.get(k) ?? NULL, t));
    return { kind: 'struct', fields };
  }
  return a;
}

/** Resolves what merging left open: a list of nothing holds strings, a struct with no fields is JSON text. */
function settle(type: NestedType): NestedType {
  if (type.kind === 'null') return { kind: 'string' };
  if (type.kind === 'list') return { kind: 'list', element: settle(type.element) };
  if (type.kind === 'struct') {
    // No fields cannot be a Parquet group; hundreds of keys are a map keyed by data (ids), not a record shape.
    if (type.fields.size === 0 || type.fields.size > MAX_STRUCT_FIELDS) return JSON_TEXT;
    return { kind: 'struct', fields: new Map([...type.fields].map(([k, t]) => [k, settle(t)])) };
  }
  return type;
}

export function inferColumnType(values: readonly unknown[]): NestedType {
  return settle(values.reduce<NestedType>((t, v) => mergeTypes(t, typeOfValue(v)), NULL));
}

/** Parquet schema elements for one column (depth-first, as the file's flat schema list wants them). */
function schemaElements(name: string, type: NestedType): SchemaElement[] {
  switch (type.kind) {
    case 'boolean':
      return [{ name, type: 'BOOLEAN', repetition_type: 'OPTIONAL' }];
    case 'integer':
      return [{ name, type: 'INT64', repetition_type: 'OPTIONAL' }];
    case 'number':
      return [{ name, type: 'DOUBLE', repetition_type: 'OPTIONAL' }];
    case 'list':
      return [
        { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', logical_type: { type: 'LIST' }, num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        ...schemaElements('element', type.element),
      ];
    case 'struct':
      return [{ name, repetition_type: 'OPTIONAL', num_children: type.fields.size }, ...[...type.fields].flatMap(([k, t]) => schemaElements(k, t))];
    default:
      return [{ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' }, repetition_type: 'OPTIONAL' }];
  }
}

/** A value in the shape the writer wants for `type`: bigints for INT64, JSON text where the type is JSON. */
function convert(value: unknown, type: NestedType): unknown {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'integer':
      return BigInt(value as number | bigint);
    case 'number':
      return Number(value);
    case 'json':
      return JSON.stringify(value) ?? null;
    case 'list':
      return (value as unknown[]).map((v) => convert(v, type.element));
    case 'struct': {
      const out: Record<string, unknown> = {};
      for (const [k, t] of type.fields) out[k] = convert((value as Record<string, unknown>)[k], t);
      return out;
    }
    default:
      return value;
  }
}

/** Dotted paths of the JSON-text leaves of a column (`messages.element.tool_args`). */
function jsonPaths(name: string, type: NestedType): string[] {
  if (type.kind === 'json') return [name];
  if (type.kind === 'list') return jsonPaths(`${name}.element`, type.element);
  if (type.kind === 'struct') return [...type.fields].flatMap(([k, t]) => jsonPaths(`${name}.${k}`, t));
  return [];
}

export interface NestedParquetOptions {
  /** Extra key-value metadata (sorted by key in the file, for stable bytes). */
  metadata?: Record<string, string>;
}

/**
 * Encodes `rows` as a Parquet file with nested columns, in memory. Columns are `columns` when
 * given, otherwise the union of the rows' keys in first-seen order.
 */
export function nestedParquetBuffer(rows: readonly Record<string, unknown>[], columns?: string[], options: NestedParquetOptions = {}): Uint8Array {
  const names = columns ?? columnsOf(rows);
  const columnData: ColumnSource[] = [];
  const schema: SchemaElement[] = [{ name: 'root', num_children: names.length }];
  const json: string[] = [];
  for (const name of names) {
    const values = rows.map((row) => row[name] ?? null);
    const type = inferColumnType(values);
    schema.push(...schemaElements(name, type));
    json.push(...jsonPaths(name, type));
    columnData.push({ name, data: values.map((v) => convert(v, type)) });
  }
  const kv: Record<string, string> = { ...options.metadata };
  if (json.length > 0) kv[JSON_COLUMNS_KEY] = JSON.stringify(json);
  const kvMetadata = Object.keys(kv)
    .sort()
    .map((key) => ({ key, value: kv[key] }));
  // createdBy is fixed so the bytes do not change with the writer's version string.
  const buffer = parquetWriteBuffer({ columnData, schema, kvMetadata: kvMetadata.length ? kvMetadata : undefined, createdBy: 'synthkit' });
  return new Uint8Array(buffer);
}

/** The inferred types of `rows`' columns, for a dataset card's `features` block. */
export function inferColumnTypes(rows: readonly Record<string, unknown>[], columns?: string[]): Map<string, NestedType> {
  const names = columns ?? columnsOf(rows);
  return new Map(names.map((name) => [name, inferColumnType(rows.map((row) => row[name] ?? null))]));
}
