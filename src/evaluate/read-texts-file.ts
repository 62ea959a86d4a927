/**
 * Reads a user's side file (the private reference, labelled real data, a seed file): JSONL records,
 * or plain text with one text per line. A .jsonl/.json extension, or a first line that parses as a
 * JSON object, means JSONL.
 */
import { readFileSync } from 'node:fs';
import { DatasetError } from '../store/read-dataset.js';

export function readRecordsFile(file: string): Record<string, unknown>[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DatasetError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const jsonl = /\.jsonl?$/i.test(file) || isJsonObject(lines[0]);
  if (!jsonl) return lines.map((line) => ({ text: line }));
  return lines.map((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new DatasetError(`${file}:${i + 1}: not a JSON line`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new DatasetError(`${file}:${i + 1}: expected a JSON object per line`);
    return value as Record<string, unknown>;
  });
}

function isJsonObject(line: string | undefined): boolean {
  if (line === undefined || !line.trimStart().startsWith('{')) return false;
  try {
    const value = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}
