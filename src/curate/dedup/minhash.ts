/**
 * MinHash signatures (Broder 1997, "On the resemblance and containment of documents") over word
 * n-gram shingles: for two texts, the share of signature positions that agree estimates the Jaccard
 * similarity of their shingle sets, with standard error sqrt(J(1-J)/numHashes).
 *
 * Defaults are datatrove's `MinhashConfig` as used for FineWeb (Penedo et al. 2024, "The FineWeb
 * Datasets", deduplication section, and datatrove's `minhash.py`): 5-word shingles, 112 hashes
 * arranged by LSH as 14 bands of 8 rows, seed 1.
 *
 * Hashing. Each shingle's UTF-8 bytes get one 32-bit xxHash (XXH32, seeded from `seed`); hash
 * function i then maps that value x to (a_i * x + b_i) mod 2^32 with a_i odd (a bijection of 32-bit
 * values, so it adds no collisions) and a_i, b_i drawn from `seed`. This is the 32-bit form of the
 * `(a*x + b) mod p` family that datasketch and datatrove use with p = 2^61-1; staying in
 * `Math.imul` int32 arithmetic is what makes it fast in JavaScript (BigInt mod a Mersenne prime is
 * ~50x slower). The price is weaker theoretical min-wise independence; the tests check empirically
 * that the Jaccard estimate and the LSH candidate rates match the formulas on exact-Jaccard pairs.
 *
 * Why XXH32 is computed here rather than by xxhash-wasm's `h32Raw`: a document has ~100 shingles,
 * and each call into the wasm module (plus the view it needs) costs ~200 ns, which alone held
 * signing under the 20,000 documents/s target. `xxh32` below is the reference algorithm (Collet,
 * xxHash spec, XXH32) over a byte range of one buffer; the tests pin it bit-for-bit to xxhash-wasm.
 *
 * A hasher reuses scratch buffers between calls, so it is cheap per document but must not be
 * shared by concurrent workers (create one each; they are tiny). There is no module-level state.
 */
import { normalizeForDedup } from './normalize-text.js';

/** FineWeb / datatrove: 5-word shingles. */
export const DEFAULT_SHINGLE_SIZE = 5;
/** FineWeb / datatrove: 112 hashes = 14 bands x 8 rows. */
export const DEFAULT_NUM_HASHES = 112;
/** datatrove's MinhashConfig default seed. */
export const DEFAULT_MINHASH_SEED = 1;

/** The value of every signature position of a text with no shingles (an empty text). */
export const EMPTY_SIGNATURE_VALUE = 0xffffffff;

const SIGN_BIT = -0x80000000;

export interface MinHasherOptions {
  numHashes?: number;
  shingleSize?: number;
  /** Seeds both the shingle hash and the permutation parameters; same seed, same signatures. */
  seed?: number;
}

export interface MinHasher {
  readonly numHashes: number;
  readonly shingleSize: number;
  readonly seed: number;
  /**
   * The MinHash signature of `text` (normalized with `normalizeForDedup`, then shingled). Writes
   * into `out` when given (e.g. a slot of one large buffer, to sign a stream without allocating).
   */
  signature(text: string, out?: Uint32Array): Uint32Array;
  /**
   * The 32-bit shingle hashes of `text`, in order, repeats kept: hash k is XXH32 (seed
   * `shingleHashSeed`) of the UTF-8 bytes of `wordShingles(text, shingleSize)[k]`.
   */
  shingleHashes(text: string): Uint32Array;
  /** The XXH32 seed used for shingles, derived from `seed`. */
  readonly shingleHashSeed: number;
  /**
   * The signature of a set given by its 32-bit element hashes; lets callers sign sets they built
   * directly (tests with exact Jaccard, or shingles from another tokenizer). Writes into `out`
   * when given. An empty set gives all `EMPTY_SIGNATURE_VALUE`.
   */
  signatureFromHashes(hashes: ArrayLike<number>, out?: Uint32Array): Uint32Array;
}

export function createMinHasher(options: MinHasherOptions = {}): MinHasher {
  const numHashes = options.numHashes ?? DEFAULT_NUM_HASHES;
  const shingleSize = options.shingleSize ?? DEFAULT_SHINGLE_SIZE;
  const seed = options.seed ?? DEFAULT_MINHASH_SEED;
  if (!Number.isInteger(numHashes) || numHashes < 1) {
    throw new RangeError(`createMinHasher: numHashes must be a positive integer, got ${numHashes}`);
  }
  if (!Number.isInteger(shingleSize) || shingleSize < 1) {
    throw new RangeError(`createMinHasher: shingleSize must be a positive integer, got ${shingleSize}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`createMinHasher: seed must be an integer, got ${seed}`);
  return new XxMinHasher(numHashes, shingleSize, seed);
}

class XxMinHasher implements MinHasher {
  readonly shingleHashSeed: number;
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly encoder = new TextEncoder();
  private bytes = new Uint8Array(4096);
  private wordStarts = new Int32Array(1024);
  private shingleScratch = new Int32Array(1024);

  constructor(
    readonly numHashes: number,
    readonly shingleSize: number,
    readonly seed: number,
  ) {
    const next = splitMix32(seed);
    this.shingleHashSeed = next();
    // Padded to a multiple of 4 for the unrolled loop; the padding lanes are computed and dropped.
    const padded = (numHashes + 3) & ~3;
    this.a = new Int32Array(padded);
    this.b = new Int32Array(padded);
    for (let i = 0; i < padded; i++) {
      this.a[i] = next() | 1; // odd: multiplication by a is then a bijection mod 2^32
      this.b[i] = next() | 0;
    }
  }

  signature(text: string, out = new Uint32Array(this.numHashes)): Uint32Array {
    this.checkOut(out);
    const count = this.hashShingles(text);
    return this.signInt32(this.shingleScratch, count, out);
  }

  shingleHashes(text: string): Uint32Array {
    const count = this.hashShingles(text);
    return new Uint32Array(this.shingleScratch.buffer, 0, count).slice();
  }

  signatureFromHashes(hashes: ArrayLike<number>, out = new Uint32Array(this.numHashes)): Uint32Array {
    this.checkOut(out);
    const values = hashes instanceof Int32Array ? hashes : Int32Array.from(hashes, (h) => h | 0);
    return this.signInt32(values, values.length, out);
  }

  private checkOut(out: Uint32Array): void {
    if (out.length < this.numHashes) {
      throw new RangeError(`MinHasher: out has ${out.length} slots, a signature needs ${this.numHashes}`);
    }
  }

  /**
   * The hot loop (~10,000 steps per 100-word document), kept in int32 arithmetic so V8 never
   * boxes a number: `(a*x + b) | 0` is the hash mod 2^32 read as signed, and XOR with the sign bit
   * maps unsigned order onto signed order, so minima are plain int32 comparisons. Four hash
   * functions share each read of a shingle hash (unrolled by 4), which roughly halves the time.
   */
  private signInt32(values: Int32Array, count: number, out: Uint32Array): Uint32Array {
    const a = this.a;
    const b = this.b;
    const numHashes = this.numHashes;
    for (let i = 0; i < numHashes; i += 4) {
      const a0 = a[i],
        a1 = a[i + 1],
        a2 = a[i + 2],
        a3 = a[i + 3];
      const b0 = b[i],
        b1 = b[i + 1],
        b2 = b[i + 2],
        b3 = b[i + 3];
      // 0x7fffffff is EMPTY_SIGNATURE_VALUE in the sign-flipped order.
      let m0 = 0x7fffffff,
        m1 = 0x7fffffff,
        m2 = 0x7fffffff,
        m3 = 0x7fffffff;
      for (let j = 0; j < count; j++) {
        const x = values[j];
        const v0 = ((Math.imul(a0, x) + b0) | 0) ^ SIGN_BIT;
        const v1 = ((Math.imul(a1, x) + b1) | 0) ^ SIGN_BIT;
        const v2 = ((Math.imul(a2, x) + b2) | 0) ^ SIGN_BIT;
        const v3 = ((Math.imul(a3, x) + b3) | 0) ^ SIGN_BIT;
        if (v0 < m0) m0 = v0;
        if (v1 < m1) m1 = v1;
        if (v2 < m2) m2 = v2;
        if (v3 < m3) m3 = v3;
      }
      out[i] = (m0 ^ SIGN_BIT) >>> 0;
      if (i + 1 < numHashes) out[i + 1] = (m1 ^ SIGN_BIT) >>> 0;
      if (i + 2 < numHashes) out[i + 2] = (m2 ^ SIGN_BIT) >>> 0;
      if (i + 3 < numHashes) out[i + 3] = (m3 ^ SIGN_BIT) >>> 0;
    }
    return out;
  }

  /** Fills `shingleScratch` with the shingle hashes of `text`; returns how many. */
  private hashShingles(text: string): number {
    const normalized = normalizeForDedup(text);
    if (normalized === '') return 0;
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (this.bytes.length < normalized.length * 3) this.bytes = new Uint8Array(normalized.length * 3);
    const bytes = this.bytes;
    const length = this.encoder.encodeInto(normalized, bytes).written;
    // Normalized text is words separated by single spaces (0x20; UTF-8 never uses that byte inside
    // a multi-byte character), so a shingle is one contiguous byte range: from the start of its
    // first word to just before the start of the word after its last.
    let words = 0;
    let starts = this.wordStarts;
    starts[words++] = 0;
    for (let p = 0; p < length; p++) {
      if (bytes[p] !== 0x20) continue;
      if (words + 1 >= starts.length) {
        const grown = new Int32Array(starts.length * 2);
        grown.set(starts);
        this.wordStarts = starts = grown;
      }
      starts[words++] = p + 1;
    }
    starts[words] = length + 1; // sentinel: where a word after the last would start
    const n = this.shingleSize;
    const seed = this.shingleHashSeed;
    const count = words <= n ? 1 : words - n + 1;
    if (this.shingleScratch.length < count) this.shingleScratch = new Int32Array(count * 2);
    const out = this.shingleScratch;
    if (words <= n) {
      out[0] = xxh32(bytes, 0, length, seed);
      return 1;
    }
    for (let k = 0; k < count; k++) out[k] = xxh32(bytes, starts[k], starts[k + n] - 1, seed);
    return count;
  }
}

const P1 = 0x9e3779b1 | 0;
const P2 = 0x85ebca77 | 0;
const P3 = 0xc2b2ae3d | 0;
const P4 = 0x27d4eb2f | 0;
const P5 = 0x165667b1 | 0;

/**
 * XXH32 of `bytes[start, end)` with `seed`, as a signed int32 (`>>> 0` gives the usual unsigned
 * value). Straight from the xxHash specification (github.com/Cyan4973/xxHash, doc/xxhash_spec.md).
 */
export function xxh32(bytes: Uint8Array, start: number, end: number, seed: number): number {
  const length = end - start;
  let p = start;
  let acc: number;
  if (length >= 16) {
    let v1 = (seed + P1 + P2) | 0;
    let v2 = (seed + P2) | 0;
    let v3 = seed | 0;
    let v4 = (seed - P1) | 0;
    const limit = end - 16;
    while (p <= limit) {
      v1 = Math.imul(rotl(v1 + Math.imul(read32(bytes, p), P2), 13), P1);
      v2 = Math.imul(rotl(v2 + Math.imul(read32(bytes, p + 4), P2), 13), P1);
      v3 = Math.imul(rotl(v3 + Math.imul(read32(bytes, p + 8), P2), 13), P1);
      v4 = Math.imul(rotl(v4 + Math.imul(read32(bytes, p + 12), P2), 13), P1);
      p += 16;
    }
    acc = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) | 0;
  } else {
    acc = (seed + P5) | 0;
  }
  acc = (acc + length) | 0;
  while (p + 4 <= end) {
    acc = Math.imul(rotl(acc + Math.imul(read32(bytes, p), P3), 17), P4);
    p += 4;
  }
  while (p < end) {
    acc = Math.imul(rotl(acc + Math.imul(bytes[p], P5), 11), P1);
    p++;
  }
  acc = Math.imul(acc ^ (acc >>> 15), P2);
  acc = Math.imul(acc ^ (acc >>> 13), P3);
  return acc ^ (acc >>> 16);
}

function read32(bytes: Uint8Array, p: number): number {
  return bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24);
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/**
 * splitmix32 (a 32-bit SplitMix, Steele, Lea & Flood 2014; constants as in bryc's PRNG notes):
 * well-mixed 32-bit values from a seed, for the shingle-hash seed and the permutation parameters.
 */
function splitMix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}
