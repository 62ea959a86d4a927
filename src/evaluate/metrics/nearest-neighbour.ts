import { type Embeddings, dot, unitRows } from './cosine.js';
import { type Histogram, type Summary, histogram, summarize } from '../../core/quantiles.js';
import { sampleIndices } from './sample-indices.js';

/**
 * Nearest-neighbour cosine similarity: for each item, its highest cosine similarity to any other
 * item. A distribution piled up near 1 means near-duplicates (paraphrases of the same record); a
 * spread-out one means items occupy distinct regions of embedding space.
 *
 * Exact brute force, O(q * n * d) for q queried items among n of dimension d. For large corpora
 * pass `sample`: a seeded sample of q items is queried against all n items, so each sampled
 * item's value is still its true nearest-neighbour similarity (sampling queries, not candidates,
 * keeps the estimate unbiased).
 */
export const NEAREST_NEIGHBOUR_DEFAULTS = { bins: 40, nearDuplicate: 0.95, seed: 'nearest-neighbour' } as const;

export interface NearestNeighbourOptions {
  /** Items queried (seeded sample); default all. */
  sample?: number;
  seed?: number | string;
  /** Histogram bins over [-1, 1]; default 40 (width 0.05). */
  bins?: number;
  /** Similarity at or above which a pair counts as a near-duplicate; default 0.95. */
  nearDuplicate?: number;
}

export interface NearestNeighbourResult {
  /** Indices of the queried items (all items unless sampled), ascending. */
  items: number[];
  /** Per queried item, the index of its nearest other item. */
  neighbours: number[];
  /** Per queried item, the cosine similarity to that neighbour. */
  similarities: number[];
  summary: Summary;
  histogram: Histogram;
  /** Queried items whose nearest neighbour is at or above `nearDuplicate`. */
  nearDuplicates: number;
}

export function nearestNeighbourSimilarity(embeddings: Embeddings, options: NearestNeighbourOptions = {}): NearestNeighbourResult {
  const rows = unitRows(embeddings, 'nearestNeighbourSimilarity');
  const threshold = options.nearDuplicate ?? NEAREST_NEIGHBOUR_DEFAULTS.nearDuplicate;
  const items =
    options.sample === undefined ? rows.map((_, i) => i) : sampleIndices(rows.length, options.sample, options.seed ?? NEAREST_NEIGHBOUR_DEFAULTS.seed);
  const neighbours: number[] = [];
  const similarities: number[] = [];
  if (rows.length >= 2) {
    for (const i of items) {
      let best = Number.NEGATIVE_INFINITY;
      let bestIndex = -1;
      for (let j = 0; j < rows.length; j++) {
        if (j === i) continue;
        const similarity = dot(rows[i], rows[j]);
        if (similarity > best) {
          best = similarity;
          bestIndex = j;
        }
      }
      // Round-off can push the cosine of identical directions a hair past 1.
      similarities.push(Math.min(1, Math.max(-1, best)));
      neighbours.push(bestIndex);
    }
  }
  return {
    items: rows.length >= 2 ? items : [],
    neighbours,
    similarities,
    summary: summarize(similarities),
    histogram: histogram(similarities, options.bins ?? NEAREST_NEIGHBOUR_DEFAULTS.bins, ...similarityRange(similarities)),
    nearDuplicates: similarities.filter((s) => s >= threshold).length,
  };
}

/**
 * The histogram's range: the observed similarities rounded out to 0.05, not the whole [-1, 1], so
 * a set whose neighbours all sit between 0.8 and 0.95 fills the chart instead of one bar of it.
 */
function similarityRange(values: ArrayLike<number>): [number, number] {
  let min = 1;
  let max = -1;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  if (min > max) return [-1, 1];
  const lo = Math.max(-1, Math.floor(min * 20) / 20);
  const hi = Math.min(1, Math.ceil(max * 20) / 20);
  return hi > lo ? [lo, hi] : [Math.max(-1, lo - 0.05), Math.min(1, hi + 0.05)];
}
