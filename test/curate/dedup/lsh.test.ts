import { describe, expect, it } from 'vitest';
import { createMinHasher } from '../../../src/curate/dedup/minhash.js';
import { candidateProbability, estimateJaccard, lshCandidatePairs, thresholdFor } from '../../../src/curate/dedup/lsh.js';
import { pairWithJaccard, seededInts } from './exact-jaccard-sets.js';

describe('candidateProbability and thresholdFor', () => {
  it('follow 1-(1-s^r)^b and (1/b)^(1/r)', () => {
    expect(candidateProbability(0.8, 14, 8)).toBeCloseTo(1 - (1 - 0.8 ** 8) ** 14, 12);
    expect(candidateProbability(0.8, 14, 8)).toBeCloseTo(0.9235, 4);
    expect(candidateProbability(0, 14, 8)).toBe(0);
    expect(candidateProbability(1, 14, 8)).toBe(1);
    expect(thresholdFor(14, 8)).toBeCloseTo(0.719, 4);
    expect(thresholdFor(20, 5)).toBeCloseTo(0.5493, 4);
  });
});

describe('estimateJaccard', () => {
  it('is the share of equal positions, and refuses signatures of different lengths', () => {
    expect(estimateJaccard(Uint32Array.of(1, 2, 3, 4), Uint32Array.of(1, 9, 3, 9))).toBe(0.5);
    expect(() => estimateJaccard(Uint32Array.of(1), Uint32Array.of(1, 2))).toThrow(RangeError);
  });
});

describe('lshCandidatePairs', () => {
  it('pairs signatures that share a whole band, each pair once and sorted', () => {
    const sigs = [
      Uint32Array.of(1, 2, 3, 4), // band 0 = (1,2), band 1 = (3,4)
      Uint32Array.of(1, 2, 9, 9), // shares band 0 with 0
      Uint32Array.of(7, 7, 3, 4), // shares band 1 with 0
      Uint32Array.of(1, 9, 3, 9), // shares no whole band with anyone
      Uint32Array.of(1, 2, 3, 4), // shares both bands with 0, shares band 0 with 1, band 1 with 2
    ];
    expect(lshCandidatePairs(sigs, { bands: 2, rows: 2 })).toEqual([
      [0, 1],
      [0, 2],
      [0, 4],
      [1, 4],
      [2, 4],
    ]);
  });

  it('pairs a bucket larger than allPairsUpTo as a star from its smallest index', () => {
    const same = Array.from({ length: 5 }, () => Uint32Array.of(5, 5));
    expect(lshCandidatePairs(same, { bands: 1, rows: 2 })).toHaveLength(10);
    expect(lshCandidatePairs(same, { bands: 1, rows: 2, allPairsUpTo: 4 })).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
    ]);
  });

  it('refuses signatures shorter than bands x rows', () => {
    expect(() => lshCandidatePairs([Uint32Array.of(1, 2, 3)], { bands: 2, rows: 2 })).toThrow(/needs bands x rows = 4/);
  });

  // For each similarity s, 1,500 independent pairs of sets with Jaccard exactly s: the share that
  // become candidates is a binomial proportion around 1-(1-s^r)^b, with standard error
  // sqrt(p(1-p)/1500) <= 0.013. We allow 4 standard errors (a false alarm about 1 in 16,000 per
  // check) plus 0.01 for the approximate min-wise independence of 32-bit universal hashing.
  it.each([
    { bands: 14, rows: 8, similarities: [0.3, 0.5, 0.7, 0.8, 0.9] },
    { bands: 20, rows: 5, similarities: [0.3, 0.5, 0.7] },
  ])('makes candidates at the rate 1-(1-s^r)^b for $bands bands x $rows rows', ({ bands, rows, similarities }) => {
    const hasher = createMinHasher({ numHashes: bands * rows, seed: 11 });
    const next = seededInts(bands * 1000 + rows);
    const pairs = 1500;
    for (const s of similarities) {
      const sigs: Uint32Array[] = [];
      for (let i = 0; i < pairs; i++) {
        const [a, b] = pairWithJaccard(next, s);
        sigs.push(hasher.signatureFromHashes(a), hasher.signatureFromHashes(b));
      }
      const found = lshCandidatePairs(sigs, { bands, rows }).filter(([a, b]) => a % 2 === 0 && b === a + 1).length;
      const p = candidateProbability(s, bands, rows);
      const tolerance = 4 * Math.sqrt((p * (1 - p)) / pairs) + 0.01;
      expect(Math.abs(found / pairs - p), `s=${s}: ${found / pairs} vs ${p.toFixed(4)}`).toBeLessThan(tolerance);
    }
  });
});
