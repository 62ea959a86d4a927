import { describe, expect, it } from 'vitest';
import { selfBleu } from '../../../src/evaluate/metrics/self-bleu.js';

describe('selfBleu', () => {
  it('is 1 for identical texts', () => {
    expect(selfBleu(['the cat sat on the mat', 'the cat sat on the mat', 'the cat sat on the mat'])).toBeCloseTo(1, 12);
  });
  it('is 0 when no two texts share a word', () => {
    expect(selfBleu(['alpha beta gamma delta', 'one two three four', 'red green blue white'])).toBe(0);
  });
  it('matches hand-computed BLEU-2: sqrt(3/4 * 2/3)', () => {
    // Each text against the other: unigram precision 3/4, bigram 2/3, equal lengths (no penalty).
    expect(selfBleu(['a b c d', 'a b c e'], { n: 2 })).toBeCloseTo(Math.sqrt(0.5), 12);
  });
  it('applies method1 smoothing (epsilon 0.1) to a zero 4-gram precision', () => {
    // p1 = 3/4, p2 = 2/3, p3 = 1/2, p4 = 0 -> 0.1 / 1: (3/4 * 2/3 * 1/2 * 0.1)^(1/4).
    expect(selfBleu(['a b c d', 'a b c e'])).toBeCloseTo(0.025 ** 0.25, 12);
  });
  it('applies the brevity penalty against the closest reference length', () => {
    // "a b" vs "a b c d": precisions 1, bp = exp(1 - 4/2); "a b c d" vs "a b": p1 = 2/4, p2 = 1/3, bp = 1.
    const expected = (Math.exp(-1) + Math.sqrt(1 / 6)) / 2;
    expect(selfBleu(['a b', 'a b c d'], { n: 2 })).toBeCloseTo(expected, 12);
  });
  it('uses the best single reference count for clipping, excluding the hypothesis itself', () => {
    // Hypothesis "x x" vs refs "x y" and "x z": clipped unigram count 1 of 2 (max over refs is 1, not 2).
    // Texts: A = "x x", B = "x y", C = "x z". n = 1.
    // A: 1/2, ref lengths 2 -> bp 1 -> 0.5. B: "x" matches (max 2 in A -> clip 1), "y" none -> 1/2.
    // C: likewise 1/2. Mean 0.5.
    expect(selfBleu(['x x', 'x y', 'x z'], { n: 1 })).toBeCloseTo(0.5, 12);
  });
  it('samples deterministically and returns NaN below two texts', () => {
    const texts = Array.from({ length: 60 }, (_, i) => `record ${i % 7} says ${i % 5} things about ${i % 3}`);
    const a = selfBleu(texts, { sample: 10, maxReferences: 20, seed: 1 });
    expect(selfBleu(texts, { sample: 10, maxReferences: 20, seed: 1 })).toBe(a);
    expect(a).toBeGreaterThan(0);
    expect(a).toBeLessThanOrEqual(1);
    expect(selfBleu(['only one'])).toBeNaN();
  });
});
