import type Database from 'better-sqlite3';

/**
 * Groups queued writes into one transaction every FLUSH_INTERVAL_MS. A commit per statement, or
 * even per event-loop turn, costs a WAL write each and capped generation at about half the speed
 * of the HTTP client (measured in bench/generate-bench.ts); grouped, a kill -9 loses at most the
 * writes of the last interval: replies that had just arrived, which a resumed run asks for again.
 */
export const FLUSH_INTERVAL_MS = 10;

export class WriteBatcher {
  private pending: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Database.Database) {}

  queue(write: () => void): void {
    this.pending.push(write);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, FLUSH_INTERVAL_MS);
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.pending.length || !this.db.open) return;
    const batch = this.pending;
    this.pending = [];
    this.db.transaction(() => {
      for (const write of batch) write();
    })();
  }
}
