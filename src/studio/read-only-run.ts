/**
 * A run database opened read-only: the studio reads while a generation writes (WAL readers never
 * block the writer, and a read-only connection cannot write by mistake). Review decisions go
 * through their own short-lived writable connection (review/review-store.ts).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { RUN_DB } from '../store/run-store.js';

export function openRunReadOnly(runDir: string): Database.Database {
  const db = new Database(join(runDir, RUN_DB), { readonly: true, fileMustExist: true });
  // Never wait long on a checkpoint: a page view can retry, a generation must not be slowed.
  db.pragma('busy_timeout = 200');
  return db;
}

export function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?").get(name)!.n > 0;
}
