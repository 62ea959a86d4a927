/**
 * Writes a dataset in the formats a training stack reads (JSONL, CSV, Parquet), all with the same
 * columns in the same order, each file atomically, each in one streaming pass over the rows.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeCsv } from './csv.js';
import { datasetPasses, project, tap, type DatasetPasses, type DatasetRow, type DatasetSource } from './dataset-source.js';
import { writeJsonl } from './jsonl.js';
import { ColumnTypes, type NestedType } from './nested-types.js';
import { writeParquetStream } from './parquet-stream.js';

export { createAtomicWriter, writeFileAtomic, type AtomicWriter } from '../core/write-atomic.js';
export { columnsOf, writeCsv, type CsvOptions } from './csv.js';
export { datasetPasses, type DatasetPasses, type DatasetRow, type DatasetSource } from './dataset-source.js';
export { writeJsonl } from './jsonl.js';
export { JSON_COLUMNS_KEY, writeParquet } from './parquet.js';
export { ROW_GROUP_SIZE, writeParquetStream, type ParquetStreamOptions } from './parquet-stream.js';

export type DatasetFormat = 'jsonl' | 'csv' | 'parquet';
export const DATASET_FORMATS: readonly DatasetFormat[] = ['jsonl', 'csv', 'parquet'];

export interface DatasetFilesOptions {
  /** File name without extension (default 'dataset'). */
  basename?: string;
  /**
   * Columns to write, in order. Keys outside it are left out of every file, JSONL included, and a
   * missing key is written as null. Default: the union of the records' keys in first-seen order.
   */
  columns?: string[];
  /** Formats to write, in order (default all three). */
  formats?: readonly DatasetFormat[];
  /** Rows per Parquet row group (default ROW_GROUP_SIZE). */
  rowGroupSize?: number;
}

/**
 * Writes `<dir>/<basename>.<format>` for each format, creating `dir` if needed, and returns the
 * paths written in `formats` order.
 *
 * Each format is one pass over `records` (see DatasetSource: an array, a function returning a
 * fresh iterable, or a re-iterable object; a one-shot iterator is read into memory first), so
 * memory holds one row at a time, and one Parquet row group. What CSV and Parquet need before
 * their first byte (the columns, when not given; the Parquet column types) is gathered during an
 * earlier format's pass: JSONL needs nothing up front, and CSV nothing beyond the columns. CSV
 * first without `columns` costs one extra pass for them; Parquet first decides its types from its
 * first row group (and makes a second pass only if a later row does not fit them).
 */
export async function writeDatasetFiles(dir: string, records: DatasetSource, options: DatasetFilesOptions = {}): Promise<string[]> {
  const { basename = 'dataset', formats = DATASET_FORMATS } = options;
  const unknown = formats.filter((f) => !DATASET_FORMATS.includes(f));
  if (unknown.length > 0) {
    throw new Error(`unknown dataset format ${unknown.map((f) => JSON.stringify(f)).join(', ')}; expected one of ${DATASET_FORMATS.join(', ')}`);
  }
  const source = datasetPasses(records);
  const given = options.columns;
  // Project only when asked to, so JSONL keeps each record's own keys otherwise.
  const passes: DatasetPasses = given === undefined ? source : () => project(source(), given);
  const wanted = [...new Set(formats)];
  const needTypes = wanted.includes('parquet');
  let columns = given;
  let types: Map<string, NestedType> | undefined;
  const known = () => columns !== undefined && (!needTypes || types !== undefined);
  /** Runs `write` over one pass, gathering what is not known yet from the rows it reads. */
  const pass = async (write: (rows: Iterable<DatasetRow>) => Promise<void>) => {
    if (known()) return write(passes());
    const seen = new ColumnTypes(columns);
    await write(tap(passes(), (row) => seen.add(row)));
    columns ??= seen.columns();
    if (needTypes) types ??= seen.settled();
  };

  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const format of wanted) {
    const path = join(dir, `${basename}.${format}`);
    if (format === 'jsonl') {
      await pass((rows) => writeJsonl(path, rows));
    } else if (format === 'csv') {
      if (columns === undefined) await pass(async (rows) => drain(rows));
      await pass((rows) => writeCsv(path, rows, columns));
    } else {
      // Without types from an earlier pass, the first row group decides them (parquet-stream.ts).
      const used = await writeParquetStream(path, passes, { columns, types, rowGroupSize: options.rowGroupSize });
      columns ??= [...used.columns];
      types ??= new Map(used.types);
    }
    paths.push(path);
  }
  return paths;
}

function drain(rows: Iterable<unknown>): void {
  const iterator = rows[Symbol.iterator]();
  while (!iterator.next().done);
}
