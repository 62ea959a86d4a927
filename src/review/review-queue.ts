/**
 * The review queue: records not yet reviewed, most uncertain first (ties by index, so the order
 * is stable), each with why it is there.
 */
import { scoreUncertainty, type Uncertainty } from './uncertainty.js';

export interface QueueItem extends Uncertainty {
  runIdx: number;
}

export function buildReviewQueue(records: readonly Record<string, unknown>[], reviewed: ReadonlySet<number>): QueueItem[] {
  const items: QueueItem[] = [];
  for (const record of records) {
    const runIdx = Number(record._id);
    if (reviewed.has(runIdx)) continue;
    items.push({ runIdx, ...scoreUncertainty(record) });
  }
  return items.sort((a, b) => b.score - a.score || a.runIdx - b.runIdx);
}
