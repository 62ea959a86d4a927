/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher, "Reciprocal Rank Fusion outperforms
 * Condorcet and individual rank learning methods", SIGIR 2009): score(d) = sum over rankings of
 * 1 / (k + rank(d)), rank starting at 1, k = 60 as in the paper. It needs no score calibration,
 * which is why it suits BM25 (unbounded) fused with cosine ([-1, 1]).
 */
export const DEFAULT_RRF_K = 60;

/** Fuses rankings of ids (best first) into one, best first; ties keep first-seen order. */
export function reciprocalRankFusion(rankings: readonly (readonly string[])[], k = DEFAULT_RRF_K): { id: string; score: number }[] {
  const scores = new Map<string, number>();
  for (const ranking of rankings) {
    for (const [i, id] of ranking.entries()) scores.set(id, (scores.get(id) ?? 0) + 1 / (k + i + 1));
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
