/**
 * Near-duplicate detection: MinHash signatures, LSH banding for candidate pairs, verification of
 * each candidate by its estimated Jaccard similarity, and clusters by union-find over the verified
 * pairs (so a~b and b~c put a, b, c in one cluster).
 *
 * Defaults, and what they mean together:
 * - 5-word shingles, 14 bands x 8 rows = 112 hashes: datatrove's MinhashConfig as used for FineWeb
 *   (Penedo et al. 2024), which targets documents at least ~75% similar.
 * - threshold 0.8 on the estimated Jaccard similarity of the shingle sets, a common near-duplicate
 *   cut (Lee et al. 2022, "Deduplicating Training Data Makes Language Models Better", used a 0.8
 *   similarity cut for NearDup). FineWeb's 14 x 8 is tuned for ~0.75; we verify at 0.8 so the LSH
 *   curve sits below the verification cut.
 * - The LSH S-curve of 14 x 8 rises at (1/14)^(1/8) = 0.719, below the threshold, so candidates
 *   rarely miss a true duplicate: a pair is a candidate with probability 0.924 at s = 0.8,
 *   0.988 at 0.85, 0.9996 at 0.9, and only 0.053 at 0.5.
 * - The estimate from 112 hashes has standard error sqrt(s(1-s)/112): 0.038 at s = 0.8, so pairs
 *   right at the threshold pass about half the time, and pairs at s >= 0.88 pass > 98% of the time.
 *   Recall at s = 0.8 itself is therefore ~0.5 by construction; raise numHashes (bands x rows) for
 *   a sharper cut.
 *
 * Texts with no words after normalization are left out: they have no shingles, and exact dedup
 * handles them.
 */
import { UnionFind } from './union-find.js';
import { createMinHasher, DEFAULT_MINHASH_SEED, DEFAULT_SHINGLE_SIZE } from './minhash.js';
import { estimateJaccard, lshCandidatePairs } from './lsh.js';

/** Lee et al. 2022 (NearDup) and common practice: similarity >= 0.8 is a near duplicate. */
export const DEFAULT_NEAR_DUP_THRESHOLD = 0.8;
/** FineWeb / datatrove: 14 bands ... */
export const DEFAULT_BANDS = 14;
/** ... of 8 rows. */
export const DEFAULT_ROWS = 8;
/**
 * Buckets larger than this are paired as a star (see `LshOptions.allPairsUpTo`): a big bucket is
 * a family of copies, and m-1 verified pairs link it as well as m(m-1)/2 would.
 */
export const DEFAULT_ALL_PAIRS_UP_TO = 64;

export interface NearDedupOptions {
  threshold?: number;
  bands?: number;
  rows?: number;
  shingleSize?: number;
  seed?: number;
  allPairsUpTo?: number;
}

export interface SimilarPair {
  a: number;
  b: number;
  /** Estimated Jaccard similarity of the two shingle sets. */
  similarity: number;
}

export interface DuplicateClusters {
  /** Groups of indexes (size >= 2), each ascending, ordered by their first index. */
  clusters: number[][];
  /** The verified pairs (a < b), sorted by a then b. */
  pairs: SimilarPair[];
}

/** Near-duplicate clusters of `texts` (see the module comment for the defaults). */
export async function nearDuplicateClusters(texts: string[], options: NearDedupOptions = {}): Promise<DuplicateClusters> {
  const bands = options.bands ?? DEFAULT_BANDS;
  const rows = options.rows ?? DEFAULT_ROWS;
  const hasher = createMinHasher({
    numHashes: bands * rows,
    shingleSize: options.shingleSize ?? DEFAULT_SHINGLE_SIZE,
    seed: options.seed ?? DEFAULT_MINHASH_SEED,
  });
  const kept: number[] = [];
  const signatures: Uint32Array[] = [];
  for (let i = 0; i < texts.length; i++) {
    const shingles = hasher.shingleHashes(texts[i]);
    if (shingles.length === 0) continue;
    kept.push(i);
    signatures.push(hasher.signatureFromHashes(shingles));
  }
  const found = nearDuplicatesFromSignatures(signatures, { ...options, bands, rows });
  // Map positions among the kept texts back to indexes into `texts` (monotone, so order holds).
  return {
    clusters: found.clusters.map((cluster) => cluster.map((k) => kept[k])),
    pairs: found.pairs.map(({ a, b, similarity }) => ({ a: kept[a], b: kept[b], similarity })),
  };
}

/**
 * The same from ready signatures (all of one hasher): candidates by LSH, verified by estimated
 * Jaccard >= threshold, clustered by union-find. Lets a caller sign documents as they stream by
 * and keep only signatures.
 */
export function nearDuplicatesFromSignatures(
  signatures: ArrayLike<Uint32Array>,
  options: Pick<NearDedupOptions, 'threshold' | 'bands' | 'rows' | 'allPairsUpTo'> = {},
): DuplicateClusters {
  const threshold = options.threshold ?? DEFAULT_NEAR_DUP_THRESHOLD;
  const bands = options.bands ?? DEFAULT_BANDS;
  const rows = options.rows ?? DEFAULT_ROWS;
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new RangeError(`nearDuplicateClusters: threshold must be in [0, 1], got ${threshold}`);
  }
  const candidates = lshCandidatePairs(signatures, {
    bands,
    rows,
    allPairsUpTo: options.allPairsUpTo ?? DEFAULT_ALL_PAIRS_UP_TO,
  });
  const sets = new UnionFind(signatures.length);
  const pairs: SimilarPair[] = [];
  for (const [a, b] of candidates) {
    const similarity = estimateJaccard(signatures[a], signatures[b]);
    if (similarity < threshold) continue;
    pairs.push({ a, b, similarity });
    sets.union(a, b);
  }
  return { clusters: sets.clusters(), pairs };
}
