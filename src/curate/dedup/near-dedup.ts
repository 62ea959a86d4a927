/**
 * Near-duplicate detection: shingle sets, an LSH sketch to find candidate pairs, exact Jaccard to
 * verify them, and a split of each connected group so that no document is dropped against a
 * representative it is not itself similar to.
 *
 * The defaults, and why:
 * - 5-word shingles: datatrove's MinhashConfig as used for FineWeb (Penedo et al. 2024), for texts
 *   of a hundred words and more. For short texts the curate stage switches to character 5-grams
 *   (near-dedup-settings.ts), where one edited word no longer removes five shingles of twenty.
 * - threshold 0.8 on the TRUE Jaccard similarity of the shingle sets (Lee et al. 2022, NearDup, used
 *   0.8). Candidates are verified by merging the two sorted hash sets, not by the sketch's estimate,
 *   so precision at the threshold is exact and a pair at 0.81 is not lost to estimator noise.
 * - 20 bands x 5 rows (100 sketch values): the candidate S-curve 1-(1-s^5)^20 rises at
 *   (1/20)^(1/5) = 0.55, so a pair at s = 0.8 becomes a candidate with probability 0.9997, at 0.7
 *   with 0.975 (the short-text threshold). FineWeb's 14 x 8 gives only 0.924 at 0.8: with an
 *   estimate-based cut that was a deliberate precision trade; with exact verification the extra
 *   candidates cost a merge each, and recall is what the bands must buy.
 * - Clusters: verified pairs join documents into connected groups (union-find), but a chain
 *   a~b~c with J(a,c) < 0.8 must not drop c "as a duplicate of a". Each group is split greedily:
 *   members in the keep policy's order (best first) either join the most similar already-chosen
 *   representative they have a verified pair with, or become a representative themselves. Every
 *   dropped document therefore has Jaccard >= threshold with the document kept in its place, and
 *   two representatives are never a verified pair.
 *
 * Texts with no words after normalization are left out: they have no shingles (exact dedup
 * handles them).
 */
import { bandCandidatePairs } from './band-lsh.js';
import { exactJaccard, type ShingleUnit } from './shingle-sketch.js';
import { type SketchBatch, sketchTextsParallel } from './sketch-texts.js';
import { UnionFind } from './union-find.js';

/** Lee et al. 2022 (NearDup) and common practice: similarity >= 0.8 is a near duplicate. */
export const DEFAULT_NEAR_DUP_THRESHOLD = 0.8;
/** 20 bands ... (see the module comment: recall 0.9997 at 0.8). */
export const DEFAULT_BANDS = 20;
/** ... of 5 rows. */
export const DEFAULT_ROWS = 5;
export const DEFAULT_SHINGLE_UNIT: ShingleUnit = 'word';
/** FineWeb / datatrove: 5-word shingles. */
export const DEFAULT_SHINGLE_SIZE = 5;
export const DEFAULT_SEED = 1;
/** Buckets larger than this pair as a star (a family of copies; see band-lsh.ts). */
export const DEFAULT_ALL_PAIRS_UP_TO = 64;

export interface NearDedupOptions {
  threshold?: number;
  bands?: number;
  rows?: number;
  shingleUnit?: ShingleUnit;
  shingleSize?: number;
  seed?: number;
  allPairsUpTo?: number;
  /** Worker threads for sketching (default 1: this thread). */
  workers?: number;
}

export interface SimilarPair {
  a: number;
  b: number;
  /** Exact Jaccard similarity of the two shingle sets. */
  similarity: number;
}

export interface SplitGroup {
  representative: number;
  /** The members kept in its place, each with its Jaccard similarity to the representative. */
  duplicates: { index: number; similarity: number }[];
}

export interface DuplicateClusters {
  /** Connected groups of verified pairs (size >= 2), each ascending, ordered by first index. */
  clusters: number[][];
  /** The verified pairs (a < b), sorted by a then b. */
  pairs: SimilarPair[];
}

/** Near-duplicate groups of `texts` (see the module comment for the defaults). */
export async function nearDuplicateClusters(texts: readonly string[], options: NearDedupOptions = {}): Promise<DuplicateClusters> {
  const threshold = options.threshold ?? DEFAULT_NEAR_DUP_THRESHOLD;
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`near-dedup: threshold must be in (0, 1], got ${threshold}`);
  const bands = options.bands ?? DEFAULT_BANDS;
  const rows = options.rows ?? DEFAULT_ROWS;
  const batch = await sketchTextsParallel(
    texts,
    {
      unit: options.shingleUnit ?? DEFAULT_SHINGLE_UNIT,
      size: options.shingleSize ?? DEFAULT_SHINGLE_SIZE,
      bands,
      rows,
      seed: options.seed ?? DEFAULT_SEED,
    },
    options.workers ?? 1,
  );
  return verifiedClusters(batch, texts.length, { threshold, bands, allPairsUpTo: options.allPairsUpTo ?? DEFAULT_ALL_PAIRS_UP_TO });
}

/** Candidates from the band keys, kept when their exact Jaccard reaches the threshold, joined by union-find. */
export function verifiedClusters(batch: SketchBatch, n: number, o: { threshold: number; bands: number; allPairsUpTo: number }): DuplicateClusters {
  const candidates = bandCandidatePairs(batch.keys, n, o.bands, o.allPairsUpTo);
  const sets = new UnionFind(n);
  const pairs: SimilarPair[] = [];
  const { pool, offsets } = batch;
  for (let c = 0; c < candidates.length; c++) {
    const a = Math.floor(candidates[c] / n);
    const b = candidates[c] - a * n;
    const setA = pool.subarray(offsets[a], offsets[a + 1]);
    const setB = pool.subarray(offsets[b], offsets[b + 1]);
    if (setA.length === 0 || setB.length === 0) continue;
    // |A n B| <= min, |A u B| >= max: a size ratio below the threshold cannot reach it.
    if (Math.min(setA.length, setB.length) < o.threshold * Math.max(setA.length, setB.length)) continue;
    const similarity = exactJaccard(setA, setB);
    if (similarity < o.threshold) continue;
    pairs.push({ a, b, similarity });
    sets.union(a, b);
  }
  return { clusters: sets.clusters(), pairs };
}

/**
 * Splits connected groups so every dropped member is similar to its own representative (see the
 * module comment). `better(x, y)` is negative when x should be kept over y (the keep policy).
 */
export function splitClusters(clusters: number[][], pairs: readonly SimilarPair[], better: (x: number, y: number) => number): SplitGroup[] {
  const neighbours = new Map<number, Map<number, number>>();
  const link = (x: number, y: number, s: number) => {
    let m = neighbours.get(x);
    if (!m) neighbours.set(x, (m = new Map()));
    m.set(y, s);
  };
  for (const { a, b, similarity } of pairs) {
    link(a, b, similarity);
    link(b, a, similarity);
  }
  const groups: SplitGroup[] = [];
  for (const cluster of clusters) {
    const order = [...cluster].sort(better);
    const chosen: SplitGroup[] = [];
    const groupOf = new Map<number, SplitGroup>();
    for (const member of order) {
      let best: SplitGroup | undefined;
      let bestSimilarity = -1;
      for (const [other, s] of neighbours.get(member) ?? []) {
        const group = groupOf.get(other);
        if (group && group.representative === other && s > bestSimilarity) {
          best = group;
          bestSimilarity = s;
        }
      }
      if (best) best.duplicates.push({ index: member, similarity: bestSimilarity });
      else {
        const group: SplitGroup = { representative: member, duplicates: [] };
        chosen.push(group);
        groupOf.set(member, group);
      }
    }
    groups.push(...chosen.filter((g) => g.duplicates.length > 0));
  }
  return groups;
}
