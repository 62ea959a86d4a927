/**
 * Human review decisions in a run's database: save (refusing a save based on a stale version),
 * undo, and read back. Every change to a record's review moves its version on by one, so two
 * reviewers on one queue never overwrite each other silently.
 */
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { openDatabase } from '../store/open-database.js';
import { RUN_DB } from '../store/run-store.js';
import { REVIEW_DECISIONS_SQL, decisionInputSchema, type DecisionInput, type ReviewAction, type ReviewDecision } from './review-decisions-schema.js';
import { ReviewConflictError, ReviewError } from './review-error.js';

interface DecisionRow {
  id: number;
  run_idx: number;
  field: string | null;
  action: ReviewAction;
  value: string | null;
  before: string | null;
  reviewer: string;
  at: string;
  reason: string | null;
  version: number;
  undone: number;
}

export class ReviewStore {
  private readonly db: Database.Database;
  private readonly ownsDb: boolean;

  /** Opens `<runDir>/run.sqlite` (or uses a given connection) and makes sure the review tables exist. */
  constructor(runDirOrDb: string | Database.Database) {
    if (typeof runDirOrDb === 'string') {
      const file = join(runDirOrDb, RUN_DB);
      if (!existsSync(file)) throw new ReviewError(`${runDirOrDb} has no ${RUN_DB}; review needs a run directory made by synthkit generate`);
      this.db = openDatabase(file);
      this.ownsDb = true;
    } else {
      this.db = runDirOrDb;
      this.ownsDb = false;
    }
    // A read-only connection (export reads decisions) cannot create tables; it only reads them.
    if (!this.db.readonly) this.db.exec(REVIEW_DECISIONS_SQL);
  }

  /** The record's current review version (0 before any decision). */
  versionOf(runIdx: number): number {
    return this.db.prepare<[number], { version: number }>('SELECT version FROM review_heads WHERE run_idx = ?').get(runIdx)?.version ?? 0;
  }

  /**
   * Saves one decision. `before` is the field's value as the reviewer saw it (kept for the audit
   * trail). Throws ReviewConflictError when the record moved past `baseVersion`.
   */
  decide(input: DecisionInput, before?: unknown): ReviewDecision {
    const parsed = decisionInputSchema.safeParse(input);
    if (!parsed.success) throw new ReviewError(`bad review decision: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    const d = parsed.data;
    const save = this.db.transaction((): ReviewDecision => {
      const current = this.versionOf(d.runIdx);
      if (current !== d.baseVersion)
        throw new ReviewConflictError(
          d.runIdx,
          d.baseVersion,
          current,
          this.history(d.runIdx).find((x) => !x.undone),
        );
      const version = current + 1;
      const at = new Date().toISOString();
      const value = d.value === undefined ? null : JSON.stringify(d.value);
      const beforeText = before === undefined ? null : JSON.stringify(before);
      const info = this.db
        .prepare(
          'INSERT INTO review_decisions (run_idx, field, action, value, reviewer, at, reason, version, undone, before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)',
        )
        .run(d.runIdx, d.field ?? null, d.action, value, d.reviewer, at, d.reason ?? null, version, beforeText);
      this.setHead(d.runIdx, version);
      return this.byId(Number(info.lastInsertRowid))!;
    });
    return save.immediate();
  }

  /**
   * Undoes the reviewer's latest standing decision on the record (or on any record when `runIdx`
   * is left out). Returns the undone decision, or undefined when there is nothing to undo.
   */
  undo(reviewer: string, runIdx?: number): ReviewDecision | undefined {
    const run = this.db.transaction((): ReviewDecision | undefined => {
      const row =
        runIdx === undefined
          ? this.db.prepare<[string], DecisionRow>('SELECT * FROM review_decisions WHERE reviewer = ? AND undone = 0 ORDER BY id DESC LIMIT 1').get(reviewer)
          : this.db
              .prepare<[string, number], DecisionRow>(
                'SELECT * FROM review_decisions WHERE reviewer = ? AND run_idx = ? AND undone = 0 ORDER BY id DESC LIMIT 1',
              )
              .get(reviewer, runIdx);
      if (!row) return undefined;
      this.db.prepare('UPDATE review_decisions SET undone = 1 WHERE id = ?').run(row.id);
      this.setHead(row.run_idx, this.versionOf(row.run_idx) + 1);
      return this.byId(row.id);
    });
    return run.immediate();
  }

  /** Every decision on a record, newest first (undone ones included, marked). */
  history(runIdx: number): ReviewDecision[] {
    return this.db.prepare<[number], DecisionRow>('SELECT * FROM review_decisions WHERE run_idx = ? ORDER BY id DESC').all(runIdx).map(toDecision);
  }

  /** Standing (not undone) decisions of every record, oldest first, grouped by record. */
  standing(): Map<number, ReviewDecision[]> {
    const out = new Map<number, ReviewDecision[]>();
    for (const row of this.db.prepare<[], DecisionRow>('SELECT * FROM review_decisions WHERE undone = 0 ORDER BY run_idx, id').iterate()) {
      const d = toDecision(row);
      const list = out.get(d.runIdx);
      if (list) list.push(d);
      else out.set(d.runIdx, [d]);
    }
    return out;
  }

  /** Records with at least one standing decision. */
  reviewedIndexes(): Set<number> {
    return new Set(
      this.db
        .prepare<[], { run_idx: number }>('SELECT DISTINCT run_idx FROM review_decisions WHERE undone = 0')
        .all()
        .map((r) => r.run_idx),
    );
  }

  /** Standing decisions per reviewer, for the progress panel. */
  countsByReviewer(): { reviewer: string; decisions: number; records: number }[] {
    return this.db
      .prepare<[], { reviewer: string; decisions: number; records: number }>(
        'SELECT reviewer, COUNT(*) AS decisions, COUNT(DISTINCT run_idx) AS records FROM review_decisions WHERE undone = 0 GROUP BY reviewer ORDER BY reviewer',
      )
      .all();
  }

  close(): void {
    if (this.ownsDb && this.db.open) this.db.close();
  }

  private byId(id: number): ReviewDecision | undefined {
    const row = this.db.prepare<[number], DecisionRow>('SELECT * FROM review_decisions WHERE id = ?').get(id);
    return row ? toDecision(row) : undefined;
  }

  private setHead(runIdx: number, version: number): void {
    this.db
      .prepare('INSERT INTO review_heads (run_idx, version) VALUES (?, ?) ON CONFLICT(run_idx) DO UPDATE SET version = excluded.version')
      .run(runIdx, version);
  }
}

function toDecision(r: DecisionRow): ReviewDecision {
  return {
    id: r.id,
    runIdx: r.run_idx,
    field: r.field,
    action: r.action,
    value: r.value === null ? null : JSON.parse(r.value),
    before: r.before === null ? null : JSON.parse(r.before),
    reviewer: r.reviewer,
    at: r.at,
    reason: r.reason,
    version: r.version,
    undone: r.undone === 1,
  };
}
