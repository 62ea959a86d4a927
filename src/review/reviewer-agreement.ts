/**
 * Agreement between people: Krippendorff's alpha (nominal) over records that two or more
 * reviewers decided on, each reviewer's last standing verdict (accept, reject, or the label set)
 * being their rating of the record.
 */
import { krippendorffAlpha } from '../core/krippendorff-alpha.js';
import type { ReviewDecision } from './review-decisions-schema.js';

export interface ReviewerAgreement {
  /** NaN when fewer than two pairable ratings or no variation (see krippendorffAlpha). */
  alpha: number;
  doublyReviewed: number;
  reviewers: string[];
}

export function reviewerAgreement(standing: ReadonlyMap<number, readonly ReviewDecision[]>): ReviewerAgreement {
  const reviewers = new Set<string>();
  const units: Map<string, string>[] = [];
  for (const decisions of standing.values()) {
    const verdicts = new Map<string, string>();
    for (const d of decisions) {
      if (d.action === 'edit') continue; // an edit changes text; it is not a rating
      verdicts.set(d.reviewer, d.action === 'label' ? `label:${d.field}=${JSON.stringify(d.value)}` : d.action);
      reviewers.add(d.reviewer);
    }
    if (verdicts.size >= 2) units.push(verdicts);
  }
  const names = [...reviewers].sort();
  const codes = new Map<string, number>();
  const code = (v: string) => {
    if (!codes.has(v)) codes.set(v, codes.size);
    return codes.get(v)!;
  };
  const matrix = names.map((name) => units.map((u) => (u.has(name) ? code(u.get(name)!) : null)));
  return { alpha: units.length ? krippendorffAlpha(matrix, 'nominal') : Number.NaN, doublyReviewed: units.length, reviewers: names };
}
