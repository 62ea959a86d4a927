import xxhash from 'xxhash-wasm';
import { describe, expect, it } from 'vitest';
import { createMinHasher, EMPTY_SIGNATURE_VALUE, xxh32 } from '../../../src/curate/dedup/minhash.js';
import { estimateJaccard } from '../../../src/curate/dedup/lsh.js';
import { wordShingles } from '../../../src/curate/dedup/normalize-text.js';
import { jaccard, pairWithJaccard, seededInts } from './exact-jaccard-sets.js';

describe('xxh32', () => {
  it('matches xxhash-wasm bit for bit, across the short and the 16-byte-stripe paths', async () => {
    const wasm = await xxhash();
    const encoder = new TextEncoder();
    const inputs = ['', 'a', 'abc', 'abcd', 'fifteen chars!!', 'sixteen chars!!!', 'x'.repeat(37), 'héllo wörld 日本語 ✓ done'];
    for (const text of inputs) {
      const bytes = encoder.encode(text);
      for (const seed of [0, 1, 0x9e3779b9, 0xffffffff]) {
        expect(xxh32(bytes, 0, bytes.length, seed) >>> 0).toBe(wasm.h32Raw(bytes, seed));
      }
    }
    // A range inside a larger buffer hashes like the range alone.
    const buffer = encoder.encode('prefix the middle part suffix');
    expect(xxh32(buffer, 7, 22, 5) >>> 0).toBe(wasm.h32('the middle part', 5));
  });
});

describe('createMinHasher', () => {
  const hasher = createMinHasher();

  it('uses the FineWeb defaults: 112 hashes over 5-word shingles', () => {
    expect(hasher.numHashes).toBe(112);
    expect(hasher.shingleSize).toBe(5);
    expect(hasher.signature('one two three four five six').length).toBe(112);
  });

  it('hashes exactly the word shingles of the normalized text', async () => {
    const wasm = await xxhash();
    const text = 'The Café, on Main St. — opens at 9; closes at “five” sharp, daily!';
    const expected = wordShingles(text, 5).map((s) => wasm.h32(s, hasher.shingleHashSeed));
    expect([...hasher.shingleHashes(text)]).toEqual(expected);
    expect([...hasher.shingleHashes('two words')]).toEqual([wasm.h32('two words', hasher.shingleHashSeed)]);
  });

  it('is deterministic for a seed, differs across seeds, and ignores case and punctuation', () => {
    const text = 'a b c d e f g h i j k l m n o p';
    expect(createMinHasher({ seed: 7 }).signature(text)).toEqual(createMinHasher({ seed: 7 }).signature(text));
    expect(createMinHasher({ seed: 8 }).signature(text)).not.toEqual(createMinHasher({ seed: 7 }).signature(text));
    expect(hasher.signature('A, B. C! d e F g h i j k l m n o p')).toEqual(hasher.signature(text));
  });

  it('signs an empty text as all EMPTY_SIGNATURE_VALUE', () => {
    expect([...new Set(hasher.signature(' ... '))]).toEqual([EMPTY_SIGNATURE_VALUE]);
  });

  it('supports a hash count that is not a multiple of 4', () => {
    const odd = createMinHasher({ numHashes: 7 });
    const sig = odd.signature('a b c d e f g h');
    expect(sig.length).toBe(7);
    expect(sig.slice(0, 7)).toEqual(createMinHasher({ numHashes: 8 }).signature('a b c d e f g h').slice(0, 7));
  });

  it('rejects bad options', () => {
    expect(() => createMinHasher({ numHashes: 0 })).toThrow(RangeError);
    expect(() => createMinHasher({ shingleSize: 1.5 })).toThrow(RangeError);
  });

  // For random sets with exact Jaccard s, the estimate is a mean of 112 Bernoulli(s) agreements:
  // over 400 pairs its average should be within 4 standard errors of s, and its spread close to
  // sqrt(s(1-s)/112). A permutation family with correlated hash functions would show up as a
  // spread well above that (fewer effectively independent hashes), so we bound it at 1.25x.
  it('estimates the Jaccard similarity of sets without bias and with the binomial spread', () => {
    const next = seededInts(2024);
    const pairs = 400;
    for (const s of [0.1, 0.3, 0.5, 0.7, 0.9]) {
      const estimates: number[] = [];
      for (let i = 0; i < pairs; i++) {
        const [a, b] = pairWithJaccard(next, s);
        estimates.push(estimateJaccard(hasher.signatureFromHashes(a), hasher.signatureFromHashes(b)));
      }
      const mean = estimates.reduce((x, y) => x + y, 0) / pairs;
      const sd = Math.sqrt(estimates.reduce((x, y) => x + (y - mean) ** 2, 0) / (pairs - 1));
      const expectedSd = Math.sqrt((s * (1 - s)) / 112);
      expect(Math.abs(mean - s)).toBeLessThan((4 * expectedSd) / Math.sqrt(pairs));
      expect(sd).toBeLessThan(1.25 * expectedSd);
      expect(sd).toBeGreaterThan(0.75 * expectedSd);
    }
  });

  it('estimates the shingle Jaccard similarity of edited texts', () => {
    const next = seededInts(99);
    const vocabulary = Array.from({ length: 2000 }, (_, i) => `w${i}`);
    const word = () => vocabulary[(next() >>> 0) % vocabulary.length];
    for (const edits of [1, 3, 8]) {
      const words = Array.from({ length: 120 }, word);
      const edited = [...words];
      for (let e = 0; e < edits; e++) edited[(next() >>> 0) % edited.length] = word();
      const a = words.join(' ');
      const b = edited.join(' ');
      const truth = jaccard(wordShingles(a, 5), wordShingles(b, 5));
      const se = Math.sqrt((truth * (1 - truth)) / 112);
      expect(Math.abs(estimateJaccard(hasher.signature(a), hasher.signature(b)) - truth)).toBeLessThan(4 * se + 1e-9);
    }
  });
});
