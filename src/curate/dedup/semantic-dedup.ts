/**
 * Semantic deduplication: records whose embeddings have cosine similarity >= threshold are
 * duplicates in meaning even when worded differently (the idea of SemDeDup, Abbas et al. 2023,
 * "SemDeDup: Data-efficient learning at web-scale through semantic deduplication").
 *
 * Exact all-pairs search: every vector is normalized once to unit length into one flat buffer, then
 * every pair's dot product is computed, n(n-1)/2 of them, O(n^2 d) time and O(n d) memory. No
 * approximate index, so no missed pairs; it suits synthetic datasets up to ~20,000 records
 * (20,000 x 384-d is ~7.7e10 multiply-adds: on the order of a minute on one core). SemDeDup's
 * k-means pre-clustering, or an ANN index, is the route for larger sets.
 *
 * The default threshold, 0.9, is a conservative starting point for sentence-embedding models:
 * SemDeDup thresholds 1 - cosine at a dataset-dependent epsilon, and the right cut depends on the
 * embedding model, so tune it on a sample of pairs.
 *
 * Zero vectors have no direction: they are never anyone's duplicate.
 */
import { UnionFind } from './union-find.js';
import type { DuplicateClusters, SimilarPair } from './near-dedup.js';

export const DEFAULT_SEMANTIC_THRESHOLD = 0.9;

export interface SemanticDedupOptions {
  threshold?: number;
}

export function semanticDuplicateClusters(
  embeddings: ArrayLike<Float32Array | Float64Array | number[]>,
  options: SemanticDedupOptions = {},
): DuplicateClusters {
  const threshold = options.threshold ?? DEFAULT_SEMANTIC_THRESHOLD;
  if (!(threshold >= -1 && threshold <= 1)) {
    throw new RangeError(`semanticDuplicateClusters: threshold must be in [-1, 1], got ${threshold}`);
  }
  const n = embeddings.length;
  const sets = new UnionFind(n);
  const pairs: SimilarPair[] = [];
  if (n === 0) return { clusters: [], pairs };
  const dims = embeddings[0].length;
  const unit = new Float32Array(n * dims);
  const usable = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = embeddings[i];
    if (v.length !== dims) {
      throw new RangeError(`semanticDuplicateClusters: embedding ${i} has ${v.length} dimensions, embedding 0 has ${dims}`);
    }
    let norm = 0;
    for (let k = 0; k < dims; k++) {
      const x = v[k];
      if (!Number.isFinite(x)) throw new RangeError(`semanticDuplicateClusters: embedding ${i} has a non-finite value at ${k}`);
      norm += x * x;
    }
    if (norm === 0) continue;
    usable[i] = 1;
    const scale = 1 / Math.sqrt(norm);
    for (let k = 0; k < dims; k++) unit[i * dims + k] = v[k] * scale;
  }
  for (let i = 0; i < n; i++) {
    if (!usable[i]) continue;
    const rowI = i * dims;
    for (let j = i + 1; j < n; j++) {
      if (!usable[j]) continue;
      const rowJ = j * dims;
      let dot = 0;
      for (let k = 0; k < dims; k++) dot += unit[rowI + k] * unit[rowJ + k];
      if (dot < threshold) continue;
      // Rounding can carry a unit vector's self-similarity a hair past 1.
      pairs.push({ a: i, b: j, similarity: Math.min(1, dot) });
      sets.union(i, j);
    }
  }
  return { clusters: sets.clusters(), pairs };
}
