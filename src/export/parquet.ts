/**
 * The dataset's Parquet file. Each column's type is inferred from all its values: booleans,
 * INT64 (safe integers), DOUBLE, UTF-8 strings, and real nested LIST and STRUCT columns for
 * arrays and objects (conversation messages, personas, `_sources`), so pandas, DuckDB, pyarrow
 * and Hugging Face `datasets` see structure, not text. Where values' shapes clash (an object in
 * one record, a list in another) that column (or that depth) is stored as JSON text and its path
 * listed in the file's key-value metadata under `synthkit.json_columns`. Every column is
 * OPTIONAL, so the schema does not change because one run had no nulls. See nested-parquet.ts.
 *
 * The file is built in memory (Parquet is columnar: every value of a column is needed before the
 * first byte is written) and then written atomically.
 */
import { writeFileAtomic } from '../core/write-atomic.js';
import { nestedParquetBuffer } from './nested-parquet.js';

export { JSON_COLUMNS_KEY } from './nested-parquet.js';

/**
 * Writes `records` to `path` as Parquet, atomically. Columns are `columns` when given, otherwise
 * the union of the records' keys in first-seen order; a missing key reads back as null.
 */
export async function writeParquet(path: string, records: Iterable<Record<string, unknown>>, columns?: string[]): Promise<void> {
  const rows = Array.isArray(records) ? (records as Record<string, unknown>[]) : Array.from(records);
  await writeFileAtomic(path, nestedParquetBuffer(rows, columns));
}
