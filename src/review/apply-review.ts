/**
 * What a record looks like after people reviewed it: edits and labels set their fields, the last
 * accept or reject sets the status, and `_review` says who did what so an edited record is
 * marked as such. Pure, so export and the curated files apply decisions the same way.
 */
import { setPath } from '../core/field-path.js';
import type { ReviewDecision } from './review-decisions-schema.js';

export type ReviewStatus = 'accepted' | 'rejected' | 'unreviewed';

export interface ReviewMark {
  status: ReviewStatus;
  /** True when a person edited a field or set a label. */
  edited: boolean;
  fields: string[];
  reviewers: string[];
  version: number;
  at: string;
  reason?: string;
}

/** `decisions` are one record's standing decisions, oldest first. Returns a new record. */
export function applyReview(record: Record<string, unknown>, decisions: readonly ReviewDecision[]): Record<string, unknown> {
  if (decisions.length === 0) return record;
  const out: Record<string, unknown> = structuredClone(record);
  let status: ReviewStatus = 'unreviewed';
  let reason: string | undefined;
  const fields = new Set<string>();
  for (const d of decisions) {
    if (d.action === 'accept') status = 'accepted';
    else if (d.action === 'reject') status = 'rejected';
    else if (d.field) {
      setPath(out, d.field, d.value);
      fields.add(d.field);
    }
    if (d.reason) reason = d.reason;
  }
  const last = decisions.at(-1)!;
  const mark: ReviewMark = {
    status,
    edited: fields.size > 0,
    fields: [...fields],
    reviewers: [...new Set(decisions.map((d) => d.reviewer))],
    version: Math.max(...decisions.map((d) => d.version)),
    at: last.at,
    ...(reason ? { reason } : {}),
  };
  out._review = mark;
  return out;
}
