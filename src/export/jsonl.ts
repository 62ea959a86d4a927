/**
 * JSON Lines export (https://jsonlines.org): one JSON object per line, '\n' line ends, UTF-8,
 * streamed through an atomic writer so a large dataset never sits in memory as one string.
 */
import { createAtomicWriter } from '../core/write-atomic.js';
import type { DatasetSource } from './dataset-source.js';

/** Writes `records` to `path` as JSON Lines, atomically. A record that JSON cannot encode (a bigint) aborts the write. */
export async function writeJsonl(path: string, records: DatasetSource): Promise<void> {
  const writer = createAtomicWriter(path);
  try {
    for (const record of typeof records === 'function' ? records() : records) await writer.write(`${JSON.stringify(record)}\n`);
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
