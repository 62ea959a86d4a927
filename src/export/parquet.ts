/**
 * The dataset's Parquet file. Each column's type is inferred from all its values: booleans,
 * INT64 (safe integers), DOUBLE, UTF-8 strings, and real nested LIST and STRUCT columns for
 * arrays and objects (conversation messages, personas, `_sources`), so pandas, DuckDB, pyarrow
 * and Hugging Face `datasets` see structure, not text. Where values' shapes clash (an object in
 * one record, a list in another) that column (or that depth) is stored as JSON text and its path
 * listed in the file's key-value metadata under `synthkit.json_columns`. Every column is
 * OPTIONAL, so the schema does not change because one run had no nulls. See nested-parquet.ts.
 *
 * The file is written one row group at a time (parquet-stream.ts), so a large dataset is never
 * held in memory as a whole, and atomically.
 */
import { datasetPasses, type DatasetSource } from './dataset-source.js';
import { writeParquetStream, type ParquetStreamOptions } from './parquet-stream.js';

export { JSON_COLUMNS_KEY } from './nested-parquet.js';

/**
 * Writes `records` to `path` as Parquet, atomically. Columns are `columns` when given, otherwise
 * the union of the records' keys in first-seen order; a missing key reads back as null. A source
 * that can be read again (see DatasetSource) is streamed; a one-shot iterator is read into memory.
 */
export async function writeParquet(
  path: string,
  records: DatasetSource,
  columns?: string[],
  options: Omit<ParquetStreamOptions, 'columns'> = {},
): Promise<void> {
  await writeParquetStream(path, datasetPasses(records), { ...options, columns });
}
