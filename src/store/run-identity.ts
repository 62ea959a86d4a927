/**
 * A run's own id, made once and kept in its database: what scopes the run's jobs on a shared
 * queue, so a resumed run finds its own jobs and another run (even of the same recipe and seed)
 * never takes them for its own.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase } from './open-database.js';
import { RUN_DB } from './run-store.js';

const RUN_ID_META = 'run_id';

export function runIdentity(dir: string): string {
  const db = openDatabase(join(dir, RUN_DB));
  try {
    db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(RUN_ID_META, randomUUID());
    return db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(RUN_ID_META)!.value;
  } finally {
    db.close();
  }
}
