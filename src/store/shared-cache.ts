/**
 * The cross-run call cache: re-running a recipe with the same seed gets identical model calls
 * back at no cost. One SQLite file per user (SYNTHKIT_CACHE_DIR, else ~/.cache/synthkit),
 * safe to share between processes (WAL, busy timeout).
 */
import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from './open-database.js';
import { WriteBatcher } from './write-batcher.js';
import type { ModelResponse } from '../models/types.js';
import { defaultCacheDir } from '../core/cache-dir.js';

export class SharedCallCache {
  private readonly db: Database.Database;
  private readonly getStmt;
  private readonly putStmt;
  private readonly writes: WriteBatcher;

  constructor(dir = defaultCacheDir()) {
    mkdirSync(dir, { recursive: true });
    this.db = openDatabase(join(dir, 'calls.sqlite'));
    this.db.exec('CREATE TABLE IF NOT EXISTS call_cache (key TEXT PRIMARY KEY, response TEXT NOT NULL, created INTEGER NOT NULL)');
    this.getStmt = this.db.prepare<[string], { response: string }>('SELECT response FROM call_cache WHERE key = ?');
    this.putStmt = this.db.prepare('INSERT OR IGNORE INTO call_cache (key, response, created) VALUES (?, ?, ?)');
    this.writes = new WriteBatcher(this.db);
  }

  get(key: string): ModelResponse | undefined {
    const row = this.getStmt.get(key);
    return row ? JSON.parse(row.response) : undefined;
  }

  set(key: string, response: ModelResponse): void {
    const text = JSON.stringify(response);
    this.writes.queue(() => this.putStmt.run(key, text, Date.now()));
  }

  close(): void {
    this.writes.flush();
    this.db.close();
  }
}
