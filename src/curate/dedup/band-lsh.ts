/**
 * LSH candidate pairs from band keys (one 64-bit key per document and band, as shingle-sketch.ts
 * writes them): documents whose keys agree in any band are candidates. Bucketing is an LSD radix
 * sort per band, linear and stable (see lsh.ts for the same scheme over full signatures).
 *
 * A bucket with more than `allPairsUpTo` members pairs as a star around its first member: a huge
 * bucket is a family of copies, and a star of verified pairs plus the representative split in
 * near-dedup.ts still gives each member a pair with the family's earliest document.
 */
import { RadixScratch } from './radix-sort.js';

/** Candidate pairs as one Float64Array of keys a*n+b (a < b), sorted ascending, unique. */
export function bandCandidatePairs(keys: Uint32Array, n: number, bands: number, allPairsUpTo: number): Float64Array {
  if (n > 94_906_265) throw new RangeError(`near-dedup: ${n} documents is beyond the pair-key range`);
  const found: number[] = [];
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  const scratch = new RadixScratch(n);
  const stride = bands * 2;
  for (let band = 0; band < bands; band++) {
    for (let i = 0; i < n; i++) {
      high[i] = keys[i * stride + band * 2];
      low[i] = keys[i * stride + band * 2 + 1];
    }
    const order = scratch.sortByKeys(high, low);
    let runStart = 0;
    for (let p = 1; p <= n; p++) {
      if (p < n && high[order[p]] === high[order[runStart]] && low[order[p]] === low[order[runStart]]) continue;
      const size = p - runStart;
      if (size >= 2) {
        if (size <= allPairsUpTo) {
          for (let x = runStart; x < p; x++) for (let y = x + 1; y < p; y++) found.push(order[x] * n + order[y]);
        } else {
          for (let y = runStart + 1; y < p; y++) found.push(order[runStart] * n + order[y]);
        }
      }
      runStart = p;
    }
  }
  const sorted = Float64Array.from(found).sort();
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[unique - 1]) sorted[unique++] = sorted[i];
  return sorted.subarray(0, unique);
}
