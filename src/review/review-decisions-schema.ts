/**
 * The `review_decisions` table: every human decision on a run's records, kept in the run's own
 * database (run.sqlite). This schema is a contract: `synthkit export` and the curated files read
 * it, so columns are only ever added, never renamed or removed.
 *
 * - run_idx  the record's index (`_id` in the dataset files, `idx` in the records table)
 * - field    the field an `edit` or `label` sets (NULL for accept/reject)
 * - action   accept | reject | edit | label
 * - value    the new value as JSON (edit/label), NULL otherwise
 * - before   the value before the decision as JSON (edit/label), for the audit trail
 * - reviewer who decided; at: ISO time; reason: optional free text
 * - version  the record's review version this decision created (1, 2, ...); a save names the
 *            version it was based on and is refused when another save came first
 * - undone   1 once undone (the row stays, so the history is complete)
 */
import { z } from 'zod';

export const REVIEW_ACTIONS = ['accept', 'reject', 'edit', 'label'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export const REVIEW_DECISIONS_SQL = `
CREATE TABLE IF NOT EXISTS review_decisions (
  id INTEGER PRIMARY KEY,
  run_idx INTEGER NOT NULL,
  field TEXT NULL,
  action TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'edit', 'label')),
  value TEXT NULL,
  reviewer TEXT NOT NULL,
  at TEXT NOT NULL,
  reason TEXT NULL,
  version INTEGER NOT NULL,
  undone INTEGER NOT NULL DEFAULT 0,
  before TEXT NULL
);
CREATE INDEX IF NOT EXISTS review_decisions_run_idx ON review_decisions (run_idx, version);
CREATE TABLE IF NOT EXISTS review_heads (run_idx INTEGER PRIMARY KEY, version INTEGER NOT NULL);
`;

/** One stored decision, as read back (value and before parsed from JSON). */
export interface ReviewDecision {
  id: number;
  runIdx: number;
  field: string | null;
  action: ReviewAction;
  value: unknown;
  before: unknown;
  reviewer: string;
  at: string;
  reason: string | null;
  version: number;
  undone: boolean;
}

/** A decision as a client submits it; `baseVersion` is the record version the reviewer saw. */
export const decisionInputSchema = z
  .object({
    runIdx: z.number().int().min(0),
    action: z.enum(REVIEW_ACTIONS),
    field: z.string().min(1).max(200).optional(),
    value: z.unknown().optional(),
    reviewer: z.string().trim().min(1, 'reviewer: give your name (e.g. --reviewer alice or the name box in the studio)').max(100),
    reason: z.string().max(2000).optional(),
    baseVersion: z.number().int().min(0),
  })
  .superRefine((d, ctx) => {
    if ((d.action === 'edit' || d.action === 'label') && !d.field) {
      ctx.addIssue({ code: 'custom', path: ['field'], message: `field: an ${d.action} names the field it sets` });
    }
    if ((d.action === 'edit' || d.action === 'label') && d.value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `value: an ${d.action} needs the new value` });
    }
  });

export type DecisionInput = z.infer<typeof decisionInputSchema>;
