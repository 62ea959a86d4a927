/**
 * What near-dedup keeps per document: its exact shingle set (sorted, unique 32-bit hashes), for
 * verifying candidates by true Jaccard, and an LSH sketch reduced to one 64-bit key per band.
 *
 * Shingles are word n-grams (datatrove/FineWeb's unit, right for long documents) or character
 * n-grams over the UTF-8 bytes of the normalized text (right for short texts: in a 30-word text one
 * changed word removes 5 of 26 word 5-grams, Jaccard 0.68, but only ~9 of ~170 character 5-grams).
 * Both are hashed with XXH32 after `normalizeForDedup`. Two distinct shingles share a 32-bit hash
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
import { xxh32 } from './minhash.js';
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

class Sketcher implements ShingleSketcher {
  private readonly encoder = new TextEncoder();
  private bytes = new Uint8Array(4096);
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
      for (let t = 0; t < this.probeCount; t++) this.probes[i * this.probeCount + t] = fmix32((Math.imul(i, 0x9e3779b1) ^ (t * 0x632be5ab) ^ this.mixSeed) >>> 0) % k;
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
    const mix = this.mixSeed;
    for (let j = 0; j < set.length; j++) {
      const h = fmix32(set[j] ^ mix);
      const bin = Math.floor((h / 4294967296) * k);
      if (h < bins[bin]) bins[bin] = h;
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

  /** Fills `hashes` with the shingle hashes of `text` (repeats kept); returns how many. */
  private hashShingles(text: string): number {
    const normalized = normalizeForDedup(text);
    if (normalized === '') return 0;
    if (this.bytes.length < normalized.length * 3) this.bytes = new Uint8Array(normalized.length * 3);
    const bytes = this.bytes;
    const length = this.encoder.encodeInto(normalized, bytes).written;
    const n = this.options.size;
    const seed = this.shingleSeed;
    if (this.options.unit === 'char') {
      const count = length <= n ? 1 : length - n + 1;
      this.ensure(count);
      if (length <= n) this.hashes[0] = xxh32(bytes, 0, length, seed);
      else for (let p = 0; p < count; p++) this.hashes[p] = xxh32(bytes, p, p + n, seed);
      return count;
    }
    // Words are separated by single spaces (normalizeForDedup), so a shingle is one byte range.
    let words = 1;
    for (let p = 0; p < length; p++) if (bytes[p] === 0x20) words++;
    const count = words <= n ? 1 : words - n + 1;
    this.ensure(count + words + 1);
    if (words <= n) {
      this.hashes[0] = xxh32(bytes, 0, length, seed);
      return 1;
    }
    // Word starts go after the shingle slots in the same scratch array.
    const starts = this.hashes;
    const base = count;
    let w = 0;
    starts[base + w++] = 0;
    for (let p = 0; p < length; p++) if (bytes[p] === 0x20) starts[base + w++] = p + 1;
    starts[base + w] = length + 1;
    for (let s = 0; s < count; s++) this.hashes[s] = xxh32(bytes, starts[base + s], starts[base + s + n] - 1, seed);
    return count;
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
