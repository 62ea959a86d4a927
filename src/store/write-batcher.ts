import type Database from 'better-sqlite3';

/**
 * Groups writes queued during one turn of the event loop into a single transaction.
 * Per-statement commits would cap throughput at a few thousand writes per second; grouped,
 * a kill -9 can only lose the writes of the turn in progress.
 */
export class WriteBatcher {
  private pending: (() => void)[] = [];
  private scheduled = false;

  constructor(private readonly db: Database.Database) {}

  queue(write: () => void): void {
    this.pending.push(write);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  flush(): void {
    if (!this.pending.length || !this.db.open) return;
    const batch = this.pending;
    this.pending = [];
    this.db.transaction(() => {
      for (const write of batch) write();
    })();
  }
}
