/**
 * Writes a dataset in the formats a training stack reads (JSONL, CSV, Parquet), all with the same
 * columns in the same order, each file atomically.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { columnsOf, writeCsv } from './csv.js';
import { writeJsonl } from './jsonl.js';
import { writeParquet } from './parquet.js';

export { createAtomicWriter, writeFileAtomic, type AtomicWriter } from '../core/write-atomic.js';
export { columnsOf, writeCsv, type CsvOptions } from './csv.js';
export { writeJsonl } from './jsonl.js';
export { JSON_COLUMNS_KEY, writeParquet } from './parquet.js';

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
}

/**
 * Writes `<dir>/<basename>.<format>` for each format, creating `dir` if needed, and returns the
 * paths written in `formats` order. `records` is read once into memory, since every format
 * needs it and Parquet needs all of it at once anyway.
 */
export async function writeDatasetFiles(dir: string, records: Iterable<Record<string, unknown>>, options: DatasetFilesOptions = {}): Promise<string[]> {
  const { basename = 'dataset', formats = DATASET_FORMATS } = options;
  const unknown = formats.filter((f) => !DATASET_FORMATS.includes(f));
  if (unknown.length > 0) {
    throw new Error(`unknown dataset format ${unknown.map((f) => JSON.stringify(f)).join(', ')}; expected one of ${DATASET_FORMATS.join(', ')}`);
  }
  let rows = Array.isArray(records) ? (records as Record<string, unknown>[]) : Array.from(records);
  const columns = options.columns ?? columnsOf(rows);
  // Project only when asked to, so JSONL keeps each record's own keys otherwise.
  if (options.columns !== undefined) rows = rows.map((row) => project(row, columns));

  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const format of new Set(formats)) {
    const path = join(dir, `${basename}.${format}`);
    if (format === 'jsonl') await writeJsonl(path, rows);
    else if (format === 'csv') await writeCsv(path, rows, columns);
    else await writeParquet(path, rows, columns);
    paths.push(path);
  }
  return paths;
}

function project(row: Record<string, unknown>, columns: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of columns) out[name] = row[name] ?? null;
  return out;
}
