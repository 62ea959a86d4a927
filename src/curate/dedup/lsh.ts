/**
 * Locality-sensitive hashing for MinHash signatures by banding (Indyk & Motwani 1998; the banding
 * scheme of Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3.4): the signature is
 * cut into `bands` bands of `rows` values; two documents become a candidate pair when any band
 * agrees in full. For a pair with Jaccard similarity s, one band agrees with probability s^rows, so
 * the pair is a candidate with probability 1 - (1 - s^rows)^bands: an S-curve whose steepest rise
 * is near s = (1/bands)^(1/rows).
 *
 * Each band is reduced to a 64-bit key (two 32-bit MurmurHash3-style hashes of its rows) so that
 * bucketing is a radix sort of keys rather than a map of arrays: for a million documents a band
 * costs a few 4 MB arrays, and chance key collisions (~n^2 / 2^65) are negligible. One 32-bit key
 * would give ~100 spurious pairs per band at a million documents; harmless after verification, but
 * then "candidate" would not mean "a band agrees".
 */
import { RadixScratch } from './radix-sort.js';

export interface LshOptions {
  bands: number;
  rows: number;
  /**
   * Buckets with more members than this are paired as a star (each member with the bucket's
   * smallest index) rather than all pairs: m members then cost m-1 pairs instead of m(m-1)/2, and
   * clustering by union-find still joins them all. Default: all pairs in every bucket.
   */
  allPairsUpTo?: number;
}

/** The probability that a pair of Jaccard similarity `s` becomes a candidate: 1-(1-s^r)^b. */
export function candidateProbability(s: number, bands: number, rows: number): number {
  return 1 - (1 - s ** rows) ** bands;
}

/**
 * The similarity where the candidate S-curve rises most steeply, (1/b)^(1/r) (Mining of Massive
 * Datasets, section 3.4.2). There s^r = 1/b, so a pair is a candidate with probability
 * 1-(1-1/b)^b, about 1-1/e = 0.63. 14 bands x 8 rows gives 0.719.
 */
export function thresholdFor(bands: number, rows: number): number {
  return (1 / bands) ** (1 / rows);
}

/**
 * The share of positions where two signatures agree: an unbiased estimate of the Jaccard
 * similarity of the underlying sets, with standard error sqrt(J(1-J)/length). Two empty-text
 * signatures (all `EMPTY_SIGNATURE_VALUE`) agree everywhere and so estimate 1; callers that care
 * leave empty texts out first.
 */
export function estimateJaccard(sigA: Uint32Array, sigB: Uint32Array): number {
  if (sigA.length !== sigB.length) {
    throw new RangeError(`estimateJaccard: signatures differ in length (${sigA.length} vs ${sigB.length})`);
  }
  if (sigA.length === 0) throw new RangeError('estimateJaccard: signatures are empty');
  let equal = 0;
  for (let i = 0; i < sigA.length; i++) if (sigA[i] === sigB[i]) equal++;
  return equal / sigA.length;
}

/**
 * The candidate pairs [a, b] (a < b, each pair once, sorted by a then b) of documents whose
 * signatures agree in at least one band. `signatures[i]` must hold at least bands*rows values;
 * band k reads positions k*rows .. (k+1)*rows-1.
 */
export function lshCandidatePairs(signatures: ArrayLike<Uint32Array>, options: LshOptions): Array<[number, number]> {
  const { bands, rows } = options;
  const allPairsUpTo = options.allPairsUpTo ?? Infinity;
  if (!Number.isInteger(bands) || bands < 1 || !Number.isInteger(rows) || rows < 1) {
    throw new RangeError(`lshCandidatePairs: bands and rows must be positive integers, got ${bands} x ${rows}`);
  }
  const n = signatures.length;
  if (n > 94_906_265) throw new RangeError(`lshCandidatePairs: ${n} signatures is beyond the pair-key range`);
  for (let i = 0; i < n; i++) {
    if (signatures[i].length < bands * rows) {
      throw new RangeError(`lshCandidatePairs: signature ${i} has ${signatures[i].length} values, needs bands x rows = ${bands * rows}`);
    }
  }
  // A pair found in several bands is kept once; the key a*n+b is exact while n^2 < 2^53.
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const add = (a: number, b: number): void => {
    const key = a * n + b;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push([a, b]);
  };
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  const scratch = new RadixScratch(n);
  for (let band = 0; band < bands; band++) {
    const offset = band * rows;
    const seedHigh = 0x5bd1e995 ^ band;
    const seedLow = (0x1b873593 + Math.imul(band, 0x9e3779b9)) | 0;
    for (let i = 0; i < n; i++) {
      const sig = signatures[i];
      high[i] = hashRows(sig, offset, rows, seedHigh);
      low[i] = hashRows(sig, offset, rows, seedLow);
    }
    const order = scratch.sortByKeys(high, low);
    let runStart = 0;
    for (let p = 1; p <= n; p++) {
      if (p < n && high[order[p]] === high[order[runStart]] && low[order[p]] === low[order[runStart]]) continue;
      const size = p - runStart;
      if (size >= 2) {
        // Stable sorting of 0..n-1 leaves each run in ascending index order.
        if (size <= allPairsUpTo) {
          for (let x = runStart; x < p; x++) for (let y = x + 1; y < p; y++) add(order[x], order[y]);
        } else {
          for (let y = runStart + 1; y < p; y++) add(order[runStart], order[y]);
        }
      }
      runStart = p;
    }
  }
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

/** MurmurHash3 (x86, 32-bit; Appleby) over `rows` 32-bit words of `sig`, from `offset`. */
function hashRows(sig: Uint32Array, offset: number, rows: number, seed: number): number {
  let h = seed | 0;
  for (let r = 0; r < rows; r++) {
    let k = Math.imul(sig[offset + r], 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= rows * 4;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
