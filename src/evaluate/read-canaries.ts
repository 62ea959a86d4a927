/**
 * Canary strings planted by `makeCanaries` (safety/canary.ts) found in a file, e.g. the seed file
 * the recipe read: "canary-7f3a-quartz-lumen". Scanning for the pattern means the seed file's
 * format does not matter.
 */
import { readFileSync } from 'node:fs';
import { DatasetError } from '../store/read-dataset.js';

const CANARY_PATTERN = /canary-[0-9a-f]{4}-[a-z]+-[a-z]+/g;

export function readCanaries(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DatasetError(`cannot read the canaries file ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return [...new Set(text.match(CANARY_PATTERN) ?? [])];
}
