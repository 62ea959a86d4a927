/**
 * Parquet export with hyparquet-writer. Each column gets one type inferred from all its values
 * (the library's own guess looks at the first 1000 values and throws on mixed types), and every
 * column is OPTIONAL so a null is legal anywhere and the schema does not change between runs just
 * because one run happened to have no nulls.
 *
 * Type inference, over the column's non-null values:
 * - all booleans                          -> BOOLEAN
 * - all safe integers (|n| <= 2^53 - 1)    -> INT64 (what pandas and pyarrow read integers as;
 *   or bigints                               INT32 would flip to INT64 in a run with one big value)
 * - all numbers, integers and fractions   -> DOUBLE (also integers beyond 2^53, already inexact)
 * - all strings                           -> STRING (UTF-8)
 * - anything else: objects, arrays, mixes -> STRING holding JSON text, every cell encoded, so a
 *   reader can JSON.parse each one; these columns are listed in the file's key-value metadata
 *   under `synthkit.json_columns`, since a UTF-8 column alone cannot say it holds JSON
 * - no non-null values (or no records)    -> STRING of nulls, the most permissive choice
 *
 * JSON text goes in a plain STRING rather than Parquet's JSON converted type because readers
 * disagree on that type, while every reader maps UTF-8 to a string.
 *
 * The file is built in memory (Parquet is columnar: every value of a column is needed before the
 * first byte is written) and then written atomically.
 */
import { parquetWriteBuffer, type BasicType, type ColumnSource } from 'hyparquet-writer';
import { columnsOf } from './csv.js';
import { writeFileAtomic } from '../core/write-atomic.js';

/** Key-value metadata key naming the columns whose cells are JSON text. */
export const JSON_COLUMNS_KEY = 'synthkit.json_columns';

type ValueKind = 'boolean' | 'integer' | 'number' | 'string' | 'json';

/**
 * Writes `records` to `path` as Parquet, atomically. Columns are `columns` when given, otherwise
 * the union of the records' keys in first-seen order; a missing key reads back as null.
 */
export async function writeParquet(path: string, records: Iterable<Record<string, unknown>>, columns?: string[]): Promise<void> {
  const rows = Array.isArray(records) ? (records as Record<string, unknown>[]) : Array.from(records);
  const names = columns ?? columnsOf(rows);
  const columnData: ColumnSource[] = [];
  const jsonColumns: string[] = [];
  for (const name of names) {
    const values = rows.map((row) => row[name] ?? null);
    const kind = columnKind(values);
    if (kind === 'json') jsonColumns.push(name);
    columnData.push({ name, type: PARQUET_TYPE[kind], nullable: true, data: values.map(CONVERT[kind]) });
  }
  const buffer = parquetWriteBuffer({
    columnData,
    kvMetadata: jsonColumns.length > 0 ? [{ key: JSON_COLUMNS_KEY, value: JSON.stringify(jsonColumns) }] : undefined,
  });
  await writeFileAtomic(path, new Uint8Array(buffer));
}

const PARQUET_TYPE: Record<ValueKind, BasicType> = {
  boolean: 'BOOLEAN',
  integer: 'INT64',
  number: 'DOUBLE',
  string: 'STRING',
  json: 'STRING',
};

/** Each kind's value as the writer wants it: INT64 takes bigints only, JSON columns take text. */
const CONVERT: Record<ValueKind, (value: unknown) => unknown> = {
  boolean: (v) => v,
  integer: (v) => (v === null ? null : BigInt(v as number | bigint)),
  number: (v) => (v === null ? null : Number(v)),
  string: (v) => v,
  json: (v) => (v === null ? null : (JSON.stringify(v) ?? null)),
};

/** The narrowest kind that holds every non-null value; a column of nulls is a string column. */
function columnKind(values: unknown[]): ValueKind {
  let kind: ValueKind | undefined;
  for (const value of values) {
    if (value === null) continue;
    const next = valueKind(value);
    if (kind === undefined || kind === next) kind = next;
    else if ((kind === 'integer' && next === 'number') || (kind === 'number' && next === 'integer')) kind = 'number';
    else return 'json';
  }
  return kind ?? 'string';
}

function valueKind(value: unknown): ValueKind {
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'bigint':
      return 'integer';
    case 'number':
      return Number.isSafeInteger(value) ? 'integer' : 'number';
    case 'string':
      return 'string';
    default:
      return 'json';
  }
}
