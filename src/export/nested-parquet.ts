/**
 * Parquet with real nested types: an array becomes a LIST column (the three-level form of the
 * Parquet spec, "Nested Types" / LogicalTypes.md: `<name> (LIST) { repeated group list { element } }`),
 * an object a struct (group) column, so DuckDB, pyarrow, pandas and Hugging Face `datasets` see
 * `list<struct<role: string, content: string>>` where the flat writer (parquet.ts) stores JSON text.
 *
 * One type per column is inferred from every value (not a sample), as nested-types.ts describes;
 * where values do not merge the column (or that depth of it) is STRING holding JSON text, and its
 * dotted path is listed in the key-value metadata under `synthkit.json_columns`, exactly as the
 * flat writer does.
 * Every node is OPTIONAL, so nulls are legal everywhere; struct fields keep first-seen order, so
 * the same records give the same schema and the same bytes.
 */
import { parquetWriteBuffer, type ColumnSource, type ParquetWriteOptions } from 'hyparquet-writer';
import { columnsOf } from './csv.js';
import { inferColumnType, type NestedType } from './nested-types.js';

export { inferColumnType, MAX_STRUCT_FIELDS, typeOfValue, type NestedType } from './nested-types.js';

/** Key-value metadata key naming the columns (dotted paths) whose cells are JSON text. */
export const JSON_COLUMNS_KEY = 'synthkit.json_columns';

const STRING: NestedType = { kind: 'string' };

/** hyparquet-writer's own schema element type (it bundles its own hyparquet). */
type SchemaElement = NonNullable<ParquetWriteOptions['schema']>[number];

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

/** Everything a Parquet writer needs besides the data: the flat schema and the key-value metadata. */
export interface NestedParquetSchema {
  schema: SchemaElement[];
  kvMetadata: { key: string; value: string }[] | undefined;
}

/** The schema of `columns` with settled `types` (a column without a type is STRING), and its JSON-text paths in the metadata. */
export function nestedParquetSchema(
  columns: readonly string[],
  types: ReadonlyMap<string, NestedType>,
  options: NestedParquetOptions = {},
): NestedParquetSchema {
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }];
  const json: string[] = [];
  for (const name of columns) {
    const type = types.get(name) ?? STRING;
    schema.push(...schemaElements(name, type));
    json.push(...jsonPaths(name, type));
  }
  const kv: Record<string, string> = { ...options.metadata };
  if (json.length > 0) kv[JSON_COLUMNS_KEY] = JSON.stringify(json);
  const kvMetadata = Object.keys(kv)
    .sort()
    .map((key) => ({ key, value: kv[key] }));
  return { schema, kvMetadata: kvMetadata.length ? kvMetadata : undefined };
}

/** One column of `rows` in the shape the writer wants for its settled `type`. */
export function parquetColumnData(rows: readonly Record<string, unknown>[], name: string, type: NestedType): ColumnSource {
  return { name, data: rows.map((row) => convert(row[name], type)) };
}

/** createdBy is fixed so the bytes do not change with the writer's version string. */
export const CREATED_BY = 'synthkit';

/**
 * Encodes `rows` as a Parquet file with nested columns, in memory. Columns are `columns` when
 * given, otherwise the union of the rows' keys in first-seen order. For a dataset too large to
 * hold, parquet-stream.ts writes the same file row group by row group.
 */
export function nestedParquetBuffer(rows: readonly Record<string, unknown>[], columns?: string[], options: NestedParquetOptions = {}): Uint8Array {
  const names = columns ?? columnsOf(rows);
  const types = inferColumnTypes(rows, names);
  const { schema, kvMetadata } = nestedParquetSchema(names, types, options);
  const columnData = names.map((name) => parquetColumnData(rows, name, types.get(name)!));
  const buffer = parquetWriteBuffer({ columnData, schema, kvMetadata, createdBy: CREATED_BY });
  return new Uint8Array(buffer);
}

/** The inferred types of `rows`' columns, for a dataset card's `features` block. */
export function inferColumnTypes(rows: readonly Record<string, unknown>[], columns?: string[]): Map<string, NestedType> {
  const names = columns ?? columnsOf(rows);
  return new Map(names.map((name) => [name, inferColumnType(rows.map((row) => row[name] ?? null))]));
}
