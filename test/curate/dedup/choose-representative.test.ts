import { describe, expect, it } from 'vitest';
import { chooseRepresentative } from '../../../src/curate/dedup/choose-representative.js';

const texts = ['short', 'a much longer text', 'mid length', 'a much longer text', '日本語日本語日本語日本語日本語日本語x'];

describe('chooseRepresentative', () => {
  it("'first' keeps the smallest index whatever the order given", () => {
    expect(chooseRepresentative([3, 1, 2], 'first', { texts })).toBe(1);
  });

  it("'longest' keeps the longest text, ties to the smallest index", () => {
    expect(chooseRepresentative([0, 3, 1, 2], 'longest', { texts })).toBe(1);
    expect(chooseRepresentative([0, 2], 'longest', { texts })).toBe(2);
  });

  it("'longest' counts code points", () => {
    expect(chooseRepresentative([0, 4, 1], 'longest', { texts })).toBe(4);
    expect(chooseRepresentative([0, 1], 'longest', { texts: ['😀😀😀😀😀😀😀😀😀😀', 'elevenchars'] })).toBe(1);
  });

  it("'best-score' keeps the highest score, then the longest, then the first", () => {
    expect(chooseRepresentative([0, 1, 2], 'best-score', { texts, scores: [3, 2, 5] })).toBe(2);
    expect(chooseRepresentative([0, 1, 2, 3], 'best-score', { texts, scores: [5, 5, 5, 5] })).toBe(1);
    expect(chooseRepresentative([0, 2], 'best-score', { texts, scores: [4, 9, 4] })).toBe(2);
  });

  it("'best-score' ranks missing scores below real ones, and falls back to 'longest' without any", () => {
    expect(chooseRepresentative([0, 1, 2], 'best-score', { texts, scores: [1, undefined, Number.NaN] })).toBe(0);
    expect(chooseRepresentative([0, 1, 2], 'best-score', { texts, scores: [-Infinity, null, -2] })).toBe(2);
    expect(chooseRepresentative([0, 2, 1], 'best-score', { texts })).toBe(1);
  });

  it('rejects an empty cluster and an unknown policy', () => {
    expect(() => chooseRepresentative([], 'first', { texts })).toThrow(RangeError);
    expect(() => chooseRepresentative([0], 'newest' as never, { texts })).toThrow(/unknown policy/);
  });
});
