/**
 * The run database's record of provider batches (see models/batch/batch-engine.ts): which batches
 * were submitted with which custom_ids, which have ended, and the replies that arrived in them.
 * Written at once in its own transactions (not through the run store's write batcher): a batch
 * must be on disk before it is polled, and its replies the moment they are downloaded.
 */
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { BatchLedger } from '../models/batch/batch-client.js';
import type { ModelResponse } from '../models/types.js';
import { openDatabase } from './open-database.js';
import { RUN_DB } from './run-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS batches (id TEXT PRIMARY KEY, provider TEXT NOT NULL, model TEXT NOT NULL, ended INTEGER NOT NULL DEFAULT 0, submitted_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batch_requests (custom_id TEXT NOT NULL, batch_id TEXT NOT NULL, PRIMARY KEY (custom_id, batch_id));
CREATE INDEX IF NOT EXISTS batch_requests_by_batch ON batch_requests (batch_id);
CREATE TABLE IF NOT EXISTS batch_results (custom_id TEXT PRIMARY KEY, response TEXT NOT NULL);
`;

export class BatchLedgerStore implements BatchLedger {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(dir: string) {
    this.db = openDatabase(join(dir, RUN_DB));
    this.db.exec(SCHEMA);
    this.stmts = {
      putBatch: this.db.prepare("INSERT INTO batches (id, provider, model, submitted_at) VALUES (?, ?, ?, datetime('now'))"),
      putRequest: this.db.prepare('INSERT OR IGNORE INTO batch_requests (custom_id, batch_id) VALUES (?, ?)'),
      pendingOf: this.db.prepare<[string], { id: string }>(
        'SELECT b.id AS id FROM batch_requests r JOIN batches b ON b.id = r.batch_id WHERE r.custom_id = ? AND b.ended = 0 LIMIT 1',
      ),
      result: this.db.prepare<[string], { response: string }>('SELECT response FROM batch_results WHERE custom_id = ?'),
      putResult: this.db.prepare('INSERT OR REPLACE INTO batch_results (custom_id, response) VALUES (?, ?)'),
      endBatch: this.db.prepare('UPDATE batches SET ended = 1 WHERE id = ?'),
    };
  }

  recordBatch(batchId: string, provider: string, model: string, customIds: string[]): void {
    this.db.transaction(() => {
      this.stmts.putBatch.run(batchId, provider, model);
      for (const id of customIds) this.stmts.putRequest.run(id, batchId);
    })();
  }

  pendingBatchOf(customId: string): string | undefined {
    return this.stmts.pendingOf.get(customId)?.id;
  }

  storedResult(customId: string): ModelResponse | undefined {
    const row = this.stmts.result.get(customId);
    return row ? JSON.parse(row.response) : undefined;
  }

  finishBatch(batchId: string, results: Map<string, ModelResponse>): void {
    this.db.transaction(() => {
      for (const [id, response] of results) this.stmts.putResult.run(id, JSON.stringify(response));
      this.stmts.endBatch.run(batchId);
    })();
  }

  /** Batches submitted and their state, for tests and `synthkit doctor`-style inspection. */
  batches(): { id: string; provider: string; model: string; ended: boolean; requests: number }[] {
    return this.db
      .prepare<[], { id: string; provider: string; model: string; ended: number; requests: number }>(
        'SELECT b.id, b.provider, b.model, b.ended, (SELECT COUNT(*) FROM batch_requests r WHERE r.batch_id = b.id) AS requests FROM batches b ORDER BY b.rowid',
      )
      .all()
      .map((b) => ({ ...b, ended: b.ended === 1 }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
