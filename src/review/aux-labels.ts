/**
 * Auxiliary labels: a second model's (or a trained classifier's) label for a record's label
 * column, with its confidence, kept in the run database beside the review decisions.
 */
import type Database from 'better-sqlite3';

export const AUX_LABELS_SQL = `
CREATE TABLE IF NOT EXISTS aux_labels (
  run_idx INTEGER NOT NULL,
  column TEXT NOT NULL,
  source TEXT NOT NULL,
  label TEXT NULL,
  confidence REAL NULL,
  original TEXT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (run_idx, column, source)
);`;

export interface AuxLabel {
  runIdx: number;
  column: string;
  /** `model:<name>` for a relabelling model, `classifier` for the active-learning classifier. */
  source: string;
  label: unknown;
  confidence: number | null;
  original: unknown;
}

export function saveAuxLabels(db: Database.Database, labels: readonly AuxLabel[]): void {
  db.exec(AUX_LABELS_SQL);
  const put = db.prepare('INSERT OR REPLACE INTO aux_labels (run_idx, column, source, label, confidence, original, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const at = new Date().toISOString();
  db.transaction(() => {
    for (const l of labels) put.run(l.runIdx, l.column, l.source, JSON.stringify(l.label ?? null), l.confidence, JSON.stringify(l.original ?? null), at);
  })();
}

/** Every auxiliary label, newest source last; empty when relabel never ran. */
export function readAuxLabels(db: Database.Database): AuxLabel[] {
  const has = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'aux_labels'").get()!.n;
  if (!has) return [];
  return db
    .prepare<[], { run_idx: number; column: string; source: string; label: string | null; confidence: number | null; original: string | null }>(
      'SELECT run_idx, column, source, label, confidence, original FROM aux_labels ORDER BY at, source',
    )
    .all()
    .map((r) => ({
      runIdx: r.run_idx,
      column: r.column,
      source: r.source,
      label: r.label === null ? null : JSON.parse(r.label),
      confidence: r.confidence,
      original: r.original === null ? null : JSON.parse(r.original),
    }));
}
