/**
 * The second half of active learning: once people reviewed the records the budget picked, a
 * cheap classifier trained on their labels relabels every record nobody reviewed. A held-out
 * slice of the reviewed records (every fifth, by index, so the split is reproducible) estimates
 * its accuracy before it is trusted; the classifier's labels are stored as auxiliary labels
 * (source `classifier`), never written over the data, so people and export decide what to use.
 */
import { join } from 'node:path';
import { openDatabase } from '../store/open-database.js';
import { RUN_DB } from '../store/run-store.js';
import { applyReview } from './apply-review.js';
import { saveAuxLabels, type AuxLabel } from './aux-labels.js';
import { readReviewRecords, sameLabel } from './read-review-records.js';
import { ReviewStore } from './review-store.js';
import { trainTextClassifier } from './text-classifier.js';
import { ReviewError } from './review-error.js';

export interface ActiveLearningReport {
  reviewed: number;
  trainedOn: number;
  heldOut: number;
  /** Accuracy on the held-out reviews; NaN when none were held out. */
  heldOutAccuracy: number;
  relabelled: number;
  /** Unreviewed records whose classifier label differs from their current label. */
  changed: number;
}

export async function learnFromReviews(runDir: string, options: { column: string; fields?: string[] }): Promise<ActiveLearningReport> {
  const db = openDatabase(join(runDir, RUN_DB));
  try {
    const store = new ReviewStore(db);
    const standing = store.standing();
    const records = await readReviewRecords(runDir, db);
    const textOf = (r: Record<string, unknown>) =>
      (options.fields ?? Object.keys(r).filter((k) => k !== options.column && !k.startsWith('_') && typeof r[k] === 'string'))
        .map((k) => String(r[k] ?? ''))
        .join('\n');
    // A reviewed record teaches its label as people left it; a rejected one teaches nothing.
    const examples: { idx: number; text: string; label: string }[] = [];
    for (const r of records) {
      const decisions = standing.get(Number(r._id));
      if (!decisions) continue;
      const after = applyReview(r, decisions);
      if ((after._review as { status: string }).status === 'rejected') continue;
      const label = after[options.column];
      if (typeof label === 'string' && label) examples.push({ idx: Number(r._id), text: textOf(after), label });
    }
    if (examples.length < 2)
      throw new ReviewError(`--column ${options.column}: ${examples.length} reviewed record(s) with a label; review at least two before training`);
    const heldOut = examples.length >= 5 ? examples.filter((_, i) => i % 5 === 4) : [];
    const train = examples.filter((e) => !heldOut.includes(e));
    const probe = trainTextClassifier(train);
    const correct = heldOut.filter((e) => probe.predict(e.text).label === e.label).length;
    // The final classifier learns from every review; the estimate above is from the split.
    const classifier = trainTextClassifier(examples);
    const aux: AuxLabel[] = [];
    let changed = 0;
    for (const r of records) {
      if (standing.has(Number(r._id))) continue;
      const { label, confidence } = classifier.predict(textOf(r));
      if (!sameLabel(label, r[options.column])) changed++;
      aux.push({ runIdx: Number(r._id), column: options.column, source: 'classifier', label, confidence, original: r[options.column] });
    }
    saveAuxLabels(db, aux);
    return {
      reviewed: examples.length,
      trainedOn: train.length,
      heldOut: heldOut.length,
      heldOutAccuracy: heldOut.length ? correct / heldOut.length : Number.NaN,
      relabelled: aux.length,
      changed,
    };
  } finally {
    db.close();
  }
}
