/** Small helpers the generation tests share: reading dataset files and a run's stored cells. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export const readJsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

export interface StoredCell {
  idx: number;
  col: string;
  ok: number;
  reason: string | null;
  error: string | null;
  raw: string | null;
  attempts: number;
}

/** Every cell of a run directory's database, in record and column order. */
export function storedCells(dir: string): StoredCell[] {
  const db = new Database(join(dir, 'run.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT idx, col, ok, reason, error, raw, attempts FROM cells ORDER BY idx, col').all() as StoredCell[];
  } finally {
    db.close();
  }
}
