/**
 * MinHash signatures (Broder 1997, "On the resemblance and containment of documents") over word
 * n-gram shingles: for two texts, the share of signature positions that agree estimates the Jaccard
 * similarity of their shingle sets, with standard error sqrt(J(1-J)/numHashes).
 *
 * Defaults are datatrove's `MinhashConfig` as used for FineWeb (Penedo et al. 2024, "The FineWeb
 * Datasets", section 3.3 and the datatrove `minhash.py` defaults): 5-word shingles, 112 hashes
 * arranged by LSH as 14 bands of 8 rows, seed 1.
 *
 * Hashing. Each shingle's UTF-8 bytes get one 32-bit xxHash (XXH32, via xxhash-wasm, seeded with
 * `seed`); hash function i then maps that value x to (a_i * x + b_i) mod 2^32 with a_i odd (a
 * bijection of 32-bit values, so no two shingles collide that had not collided already) and a_i,
 * b_i drawn from `seed`. This is the 32-bit form of the `(a*x + b) mod p` family that datasketch
 * and datatrove use with p = 2^61-1; the 32-bit form stays in `Math.imul` integer arithmetic, which
 * is what makes signatures fast in JavaScript (BigInt mod a Mersenne prime is ~50x slower). The
 * cost is weaker theoretical min-wise independence; the tests check empirically that the Jaccard
 * estimate and the LSH candidate rates match the formulas for exact-Jaccard pairs.
 *
 * A hasher keeps a scratch byte buffer it reuses between calls, so it is cheap per document but
 * should not be shared between concurrently running workers (create one each; they are tiny).
 */
import xxhash, { type XXHashAPI } from 'xxhash-wasm';
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
  /** A ready xxhash-wasm instance to reuse; one is instantiated otherwise. */
  hasher?: XXHashAPI;
}

export interface MinHasher {
  readonly numHashes: number;
  readonly shingleSize: number;
  readonly seed: number;
  /** The MinHash signature of `text` (normalized with `normalizeForDedup`, then shingled). */
  signature(text: string): Uint32Array;
  /**
   * The 32-bit shingle hashes of `text`, in order, repeats kept: hash k is XXH32 of the UTF-8 bytes
   * of `wordShingles(text, shingleSize)[k]`.
   */
  shingleHashes(text: string): Uint32Array;
  /**
   * The signature of a set given by its 32-bit element hashes; lets callers sign sets they built
   * directly (tests with exact Jaccard, or shingles from another tokenizer). Writes into `out`
   * when given.
   */
  signatureFromHashes(hashes: ArrayLike<number>, out?: Uint32Array): Uint32Array;
}

export async function createMinHasher(options: MinHasherOptions = {}): Promise<MinHasher> {
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
  const hasher = options.hasher ?? (await xxhash());
  return new XxMinHasher(hasher, numHashes, shingleSize, seed);
}

class XxMinHasher implements MinHasher {
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly hashSeed: number;
  private readonly encoder = new TextEncoder();
  private bytes = new Uint8Array(4096);
  private wordStarts = new Int32Array(1024);
  private shingleScratch = new Int32Array(1024);

  constructor(
    private readonly hasher: XXHashAPI,
    readonly numHashes: number,
    readonly shingleSize: number,
    readonly seed: number,
  ) {
    const next = splitMix32(seed);
    this.hashSeed = next();
    this.a = new Int32Array(numHashes);
    this.b = new Int32Array(numHashes);
    for (let i = 0; i < numHashes; i++) {
      this.a[i] = next() | 1; // odd: multiplication by a is then a bijection mod 2^32
      this.b[i] = next() | 0;
    }
  }

  signature(text: string): Uint32Array {
    const count = this.hashShingles(text);
    return this.signInt32(this.shingleScratch.subarray(0, count), new Uint32Array(this.numHashes));
  }

  shingleHashes(text: string): Uint32Array {
    const count = this.hashShingles(text);
    return new Uint32Array(this.shingleScratch.buffer, 0, count).slice();
  }

  signatureFromHashes(hashes: ArrayLike<number>, out = new Uint32Array(this.numHashes)): Uint32Array {
    const values = hashes instanceof Int32Array ? hashes : Int32Array.from(hashes, (h) => h | 0);
    return this.signInt32(values, out);
  }

  /**
   * The hot loop, kept in int32 arithmetic so V8 never boxes a value: (a*x + b) | 0 is the hash
   * mod 2^32 read as signed, and XOR with 0x80000000 turns unsigned order into signed order, so
   * the minimum can be tracked with plain int32 comparisons.
   */
  private signInt32(values: Int32Array, out: Uint32Array): Uint32Array {
    const a = this.a;
    const b = this.b;
    const count = values.length;
    // Loop order: permutations outside, shingles inside, so the running minimum stays in a local.
    for (let i = 0; i < this.numHashes; i++) {
      const ai = a[i];
      const bi = b[i];
      let min = 0x7fffffff; // EMPTY_SIGNATURE_VALUE in the flipped order
      for (let j = 0; j < count; j++) {
        const v = ((Math.imul(ai, values[j]) + bi) | 0) ^ SIGN_BIT;
        if (v < min) min = v;
      }
      out[i] = (min ^ SIGN_BIT) >>> 0;
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
    // Normalized text is words separated by single spaces (0x20), so word k spans
    // wordStarts[k] .. wordStarts[k+1]-2, and a shingle is one contiguous byte range.
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
    starts[words] = length + 1; // sentinel: "start of the word after the last"
    const n = this.shingleSize;
    const count = words <= n ? 1 : words - n + 1;
    if (this.shingleScratch.length < count) this.shingleScratch = new Int32Array(count * 2);
    const out = this.shingleScratch;
    const h32Raw = this.hasher.h32Raw;
    const seed = this.hashSeed;
    if (words <= n) {
      out[0] = h32Raw(bytes.subarray(0, length), seed) | 0;
      return 1;
    }
    for (let k = 0; k < count; k++) {
      out[k] = h32Raw(bytes.subarray(starts[k], starts[k + n] - 1), seed) | 0;
    }
    return count;
  }
}

/**
 * splitmix32 (a 32-bit variant of Steele, Lea & Flood's SplitMix, constants from bryc's PRNG
 * notes): a few well-mixed 32-bit values from a seed, for the permutation parameters.
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
