/**
 * The reviewed dataset files: `<run>/reviewed/all.jsonl` (every record, people's edits and labels
 * applied, `_review` on each reviewed one) and `<run>/reviewed/reviewed.jsonl` (the same without
 * records a person rejected). Nothing is lost: a rejected record stays in all.jsonl.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonl } from '../export/jsonl.js';
import { applyReview } from './apply-review.js';
import { readReviewRecords } from './read-review-records.js';
import { ReviewStore } from './review-store.js';
import { openDatabase } from '../store/open-database.js';
import { RUN_DB } from '../store/run-store.js';

export interface ReviewedFiles {
  all: string;
  reviewed: string;
  records: number;
  reviewedRecords: number;
  rejected: number;
}

export async function writeReviewedFiles(runDir: string): Promise<ReviewedFiles> {
  const db = openDatabase(join(runDir, RUN_DB));
  try {
    const store = new ReviewStore(db);
    const standing = store.standing();
    const records = (await readReviewRecords(runDir, db)).map((r) => {
      const { _aux, ...rest } = r;
      const applied = applyReview(rest, standing.get(Number(r._id)) ?? []);
      return _aux === undefined ? applied : { ...applied, _aux };
    });
    const out = join(runDir, 'reviewed');
    await mkdir(out, { recursive: true });
    const all = join(out, 'all.jsonl');
    const reviewed = join(out, 'reviewed.jsonl');
    const isRejected = (r: Record<string, unknown>) => (r._review as { status?: string } | undefined)?.status === 'rejected';
    await writeJsonl(all, records);
    await writeJsonl(
      reviewed,
      records.filter((r) => !isRejected(r)),
    );
    return { all, reviewed, records: records.length, reviewedRecords: standing.size, rejected: records.filter(isRejected).length };
  } finally {
    db.close();
  }
}
