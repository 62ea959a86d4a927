/**
 * Reads a dataset for the stages after generation: a run directory (its dataset.jsonl) or any
 * JSONL file. Streaming, so a large file need not sit in memory at once.
 */
import { SynthkitError } from '../core/synthkit-error.js';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export class DatasetError extends SynthkitError {}

export function datasetPath(runDirOrFile: string): string {
  if (!existsSync(runDirOrFile)) throw new DatasetError(`no such file or run directory: ${runDirOrFile}`);
  if (statSync(runDirOrFile).isDirectory()) {
    const file = join(runDirOrFile, 'dataset.jsonl');
    if (!existsSync(file)) throw new DatasetError(`${runDirOrFile} has no dataset.jsonl (is the run finished? try: synthkit resume ${runDirOrFile})`);
    return file;
  }
  return runDirOrFile;
}

/** Yields records in file order; a line that is not a JSON object is an error naming the line. */
export async function* readDataset(runDirOrFile: string): AsyncGenerator<Record<string, unknown>> {
  const file = datasetPath(runDirOrFile);
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new DatasetError(`${file}:${n}: not a JSON line`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new DatasetError(`${file}:${n}: expected a JSON object per line`);
    yield value as Record<string, unknown>;
  }
}

export async function readAllRecords(runDirOrFile: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const r of readDataset(runDirOrFile)) out.push(r);
  return out;
}
