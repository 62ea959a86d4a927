import { finalize32, mixStep } from './fingerprint-set.js';

/**
 * Hashing words and n-grams to numbers, so that the streaming metrics never build n-gram strings
 * (building and hashing ~10 million n-gram strings dominated their cost on 100,000 records).
 *
 * Each word gets two 32-bit MurmurHash3 values (seeds differ) of its UTF-16 code units; an
 * n-gram's two halves chain the words' halves with murmur3 steps, so a text's n-grams for every
 * start and n = 1..4 cost one step each. `key53` packs both halves into one exact JavaScript
 * number (53 bits), usable as a Map/Set key or sorted in a Float64Array.
 */
const SEED_HI = 0x243f6a88;
const SEED_LO = 0x85a308d3 | 0;

export interface TokenHashes {
  hi: Int32Array;
  lo: Int32Array;
}

export function hashTokens(tokens: readonly string[]): TokenHashes {
  const hi = new Int32Array(tokens.length);
  const lo = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    let a = SEED_HI;
    let b = SEED_LO;
    for (let c = 0; c < token.length; c++) {
      const code = token.charCodeAt(c);
      a = mixStep(a, code);
      b = mixStep(b, code);
    }
    hi[i] = finalize32(a, token.length);
    lo[i] = finalize32(b, token.length);
  }
  return { hi, lo };
}

/** One number per n-gram of length n (in order), 53 bits of a 64-bit fingerprint. */
export function ngramKeys53(hashes: TokenHashes, n: number): Float64Array {
  const count = Math.max(0, hashes.hi.length - n + 1);
  const keys = new Float64Array(count);
  for (let start = 0; start < count; start++) {
    let a = SEED_HI;
    let b = SEED_LO;
    for (let k = 0; k < n; k++) {
      a = mixStep(a, hashes.hi[start + k]);
      b = mixStep(b, hashes.lo[start + k]);
    }
    keys[start] = key53(finalize32(a, n), finalize32(b, n));
  }
  return keys;
}

/** The high 32 bits and 21 bits of the low half as one exact integer below 2^53. */
export function key53(hi: number, lo: number): number {
  return (hi >>> 0) * 0x200000 + (lo >>> 11);
}

/** Distinct values of `keys`, sorted ascending (sorts a copy). */
export function distinctSorted(keys: Float64Array): Float64Array {
  const sorted = Float64Array.from(keys).sort();
  let write = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[write++] = sorted[i];
  return sorted.subarray(0, write);
}
