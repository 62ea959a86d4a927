/**
 * What near-dedup keeps per document: its exact shingle set (sorted, unique 32-bit hashes), for
 * verifying candidates by true Jaccard, and an LSH sketch reduced to one 64-bit key per band.
 *
 * Shingles are word n-grams (datatrove/FineWeb's unit, right for long documents) or character
 * n-grams over the UTF-16 code units of the normalized text (right for short texts: in a 30-word
 * text one changed word removes 5 of 26 word 5-grams, Jaccard 0.68, but only ~9 of ~170 character
 * 5-grams). Both are taken after `normalizeForDedup` and hashed to 32 bits with murmur3's mixing
 * (a word hashed once, n word hashes combined per shingle). Two distinct shingles share a 32-bit hash
 * with probability 2^-32; between two 100-shingle documents that is ~2e-6, so the Jaccard of the
 * hash sets is the Jaccard of the shingle sets for every practical purpose.
 *
 * The sketch is one-permutation hashing (Li, Owen & Zhang 2012, "One Permutation Hashing") with
 * optimal densification (Shrivastava 2017, "Optimal Densification for Fast and Accurate Minwise
 * Hashing", ICML): each shingle hash is mixed once and lands in one of k bins (its high bits), the
 * bin keeps its minimum, and an empty bin borrows the value of the first non-empty bin on a probe
 * sequence that depends only on the bin's index and the seed. Two documents then agree in a bin with
 * probability equal to their Jaccard similarity, as with k independent MinHash functions, but the
 * cost is one hash per shingle instead of k: this, not micro-tuning, is what makes signing an order
 * of magnitude faster than classic MinHash (datasketch computes k permutations per shingle). The
 * estimate only chooses candidates; verification is exact, so the sketch's variance costs recall at
 * the LSH step alone, which the band/row choice in near-dedup.ts keeps above 0.99 at the threshold.
 *
 * A sketcher reuses scratch buffers: create one per worker. There is no module-level state.
 */
import { normalizeForDedup } from './normalize-text.js';

export type ShingleUnit = 'word' | 'char';

export interface SketchOptions {
  unit: ShingleUnit;
  /** Words per shingle (unit word) or bytes per shingle (unit char). */
  size: number;
  bands: number;
  rows: number;
  seed: number;
}

export interface ShingleSketcher {
  readonly options: SketchOptions;
  /**
   * Sorted unique shingle hashes of `text` (a fresh array; empty when the text has no words) and
   * its band keys written to `keys` at `keyOffset` (2 values per band: high, low).
   */
  sketch(text: string, keys: Uint32Array, keyOffset: number): Int32Array;
}

export function createShingleSketcher(options: SketchOptions): ShingleSketcher {
  for (const key of ['size', 'bands', 'rows'] as const) {
    if (!Number.isInteger(options[key]) || options[key] < 1) throw new RangeError(`near-dedup: ${key} must be a positive integer, got ${options[key]}`);
  }
  if (options.bands * options.rows > 65_536) throw new RangeError('near-dedup: bands x rows must be at most 65536');
  return new Sketcher(options);
}

/** murmur3's 32-bit finalizer: a bijection that spreads every input bit over the output. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const EMPTY = 0xffffffff;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
/** An odd multiplier (the golden ratio's 32 bits) for the shingle polynomial. */
const POLY = 0x9e3779b1 | 0;

class Sketcher implements ShingleSketcher {
  private units = new Uint16Array(4096);
  private hashes = new Int32Array(1024);
  private readonly bins: Uint32Array;
  private readonly filled: Uint8Array;
  /** For each bin, the fixed probe order an empty bin borrows along (optimal densification). */
  private readonly probes: Uint16Array;
  private readonly probeCount: number;
  private readonly shingleSeed: number;
  private readonly mixSeed: number;

  constructor(readonly options: SketchOptions) {
    const k = options.bands * options.rows;
    this.bins = new Uint32Array(k);
    this.filled = new Uint8Array(k);
    this.shingleSeed = fmix32(options.seed ^ 0x2545f491) | 0;
    this.mixSeed = fmix32(options.seed + 0x9e3779b9) | 0;
    // 64 probes per bin: with ~100 shingles in 100 bins a bin's probe finds a filled bin with
    // probability ~0.63 each, so 64 fail together with probability < 1e-27; past that, scan.
    this.probeCount = 64;
    this.probes = new Uint16Array(k * this.probeCount);
    for (let i = 0; i < k; i++) {
      for (let t = 0; t < this.probeCount; t++)
        this.probes[i * this.probeCount + t] = fmix32((Math.imul(i, 0x9e3779b1) ^ (t * 0x632be5ab) ^ this.mixSeed) >>> 0) % k;
    }
  }

  sketch(text: string, keys: Uint32Array, keyOffset: number): Int32Array {
    const count = this.hashShingles(text);
    const set = sortedUnique(this.hashes, count);
    this.writeBandKeys(set, keys, keyOffset);
    return set;
  }

  private writeBandKeys(set: Int32Array, keys: Uint32Array, keyOffset: number): void {
    const { bands, rows } = this.options;
    const k = bands * rows;
    const bins = this.bins;
    const filled = this.filled;
    bins.fill(EMPTY);
    filled.fill(0);
    // Shingle hashes are already seeded and spread, so they serve as the one permutation. The set is
    // sorted in signed order; with the sign bit flipped that is ascending unsigned order, so the
    // first value to land in a bin is its minimum.
    for (let j = 0; j < set.length; j++) {
      const h = (set[j] ^ 0x80000000) >>> 0;
      const bin = Math.floor((h / 4294967296) * k);
      if (filled[bin]) continue;
      bins[bin] = h;
      filled[bin] = 1;
    }
    let key = keyOffset;
    for (let band = 0; band < bands; band++) {
      let high = 0x5bd1e995 ^ band;
      let low = (0x1b873593 + Math.imul(band, 0x9e3779b9)) | 0;
      for (let r = 0; r < rows; r++) {
        const i = band * rows + r;
        let value = bins[i];
        if (!filled[i] && set.length > 0) value = this.borrow(i);
        high = mixWord(high, value);
        low = mixWord(low, value ^ 0x7f4a7c15);
      }
      keys[key++] = finish(high, rows);
      keys[key++] = finish(low, rows);
    }
  }

  /** The value an empty bin takes: the first filled bin on its probe sequence (offset by the attempt, so two bins rarely borrow alike). */
  private borrow(i: number): number {
    const base = i * this.probeCount;
    for (let t = 0; t < this.probeCount; t++) {
      const j = this.probes[base + t];
      if (this.filled[j]) return (this.bins[j] + Math.imul(t + 1, 0x27d4eb2f)) >>> 0;
    }
    const k = this.bins.length;
    for (let step = 1; step < k; step++) {
      const j = (i + step) % k;
      if (this.filled[j]) return (this.bins[j] + Math.imul(step + 64, 0x27d4eb2f)) >>> 0;
    }
    return EMPTY;
  }

  /**
   * Fills `hashes` with the shingle hashes of `text` (repeats kept); returns how many. A word is
   * hashed once (FNV-1a over its code units, then murmur3's finalizer, so word hashes are
   * well-spread 32-bit values); a shingle is the polynomial of its n word hashes (Horner, odd
   * multiplier) finalized once more. Character shingles do the same over code units, each first
   * spread by the finalizer (small raw code points in a polynomial would collide structurally).
   */
  private hashShingles(text: string): number {
    const length = this.normalize(text);
    if (length === 0) return 0;
    const units = this.units;
    const n = this.options.size;
    const seed = this.shingleSeed;
    if (this.options.unit === 'char') {
      const count = length <= n ? 1 : length - n + 1;
      this.ensure(count + length);
      const spread = this.hashes;
      for (let p = 0; p < length; p++) spread[count + p] = fmix32(units[p] + seed) | 0;
      const width = Math.min(n, length);
      for (let p = 0; p < count; p++) {
        let h = seed;
        for (let k = 0; k < width; k++) h = (Math.imul(h, POLY) + spread[count + p + k]) | 0;
        spread[p] = fmix32(h) | 0;
      }
      return count;
    }
    // Word hashes first (after the shingle slots), then shingles from them.
    let words = 1;
    for (let p = 0; p < length; p++) if (units[p] === 0x20) words++;
    const count = words <= n ? 1 : words - n + 1;
    this.ensure(count + words);
    const hashes = this.hashes;
    let w = count;
    let h = FNV_OFFSET;
    for (let p = 0; p <= length; p++) {
      const c = p < length ? units[p] : 0x20;
      if (c === 0x20) {
        hashes[w++] = fmix32(h) | 0;
        h = FNV_OFFSET;
      } else h = Math.imul(h ^ c, FNV_PRIME);
    }
    const width = Math.min(n, words);
    for (let s = 0; s < count; s++) {
      let x = seed;
      for (let k = 0; k < width; k++) x = (Math.imul(x, POLY) + hashes[count + s + k]) | 0;
      hashes[s] = fmix32(x) | 0;
    }
    return count;
  }

  /**
   * Writes `normalizeForDedup(text)` into `units` as UTF-16 code units; returns its length. ASCII
   * text (nearly all of it, in practice) takes a one-pass path that gives exactly the same result:
   * for ASCII, NFKC is the identity, \p{P}\p{S} are the printable non-alphanumerics, and \s is
   * tab, line feed, vertical tab, form feed, carriage return and space.
   */
  private normalize(text: string): number {
    if (this.units.length < text.length + 1) this.units = new Uint16Array(text.length * 2 + 16);
    const units = this.units;
    let out = 0;
    let pendingSpace = false;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c > 0x7e) return this.normalizeSlow(text);
      const separator =
        c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
      if (separator) {
        pendingSpace = out > 0;
        continue;
      }
      if (c >= 0x41 && c <= 0x5a) c += 0x20;
      if (pendingSpace) {
        units[out++] = 0x20;
        pendingSpace = false;
      }
      units[out++] = c;
    }
    return out;
  }

  private normalizeSlow(text: string): number {
    const normalized = normalizeForDedup(text);
    if (this.units.length < normalized.length) this.units = new Uint16Array(normalized.length * 2);
    for (let i = 0; i < normalized.length; i++) this.units[i] = normalized.charCodeAt(i);
    return normalized.length;
  }

  private ensure(size: number): void {
    if (this.hashes.length < size) this.hashes = new Int32Array(size * 2);
  }
}

/** The distinct values of `values[0, count)`, ascending (signed order). */
function sortedUnique(values: Int32Array, count: number): Int32Array {
  if (count === 0) return new Int32Array(0);
  const sorted = values.subarray(0, count).sort();
  let unique = 1;
  for (let i = 1; i < count; i++) if (sorted[i] !== sorted[unique - 1]) sorted[unique++] = sorted[i];
  return sorted.slice(0, unique);
}

function mixWord(h: number, value: number): number {
  let k = Math.imul(value, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number, rows: number): number {
  h ^= rows * 4;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Jaccard similarity of two sorted unique arrays (exact: a merge). Two empty sets give 0. */
export function exactJaccard(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}
