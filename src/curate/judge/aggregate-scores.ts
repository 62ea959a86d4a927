/**
 * Combining an ensemble's scores for one record. `majority` breaks a tie toward the lower score
 * (a tie means the raters disagree; the cautious reading wins), `min` is the strictest rater.
 */
export type Aggregate = 'mean' | 'median' | 'majority' | 'min';

export function aggregateScores(scores: number[], method: Aggregate): number {
  if (scores.length === 0) throw new Error('aggregateScores: no scores');
  const sorted = [...scores].sort((a, b) => a - b);
  switch (method) {
    case 'mean':
      return sorted.reduce((s, x) => s + x, 0) / sorted.length;
    case 'median': {
      const mid = sorted.length >> 1;
      return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
    case 'min':
      return sorted[0];
    case 'majority': {
      const counts = new Map<number, number>();
      for (const s of sorted) counts.set(s, (counts.get(s) ?? 0) + 1);
      let best = sorted[0];
      for (const [value, n] of counts) if (n > counts.get(best)!) best = value;
      return best;
    }
  }
}

/** Highest minus lowest score: 0 when the raters agree. */
export function scoreSpread(scores: number[]): number {
  return scores.length ? Math.max(...scores) - Math.min(...scores) : 0;
}
