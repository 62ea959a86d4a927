import { describe, expect, it } from 'vitest';
import { nearestNeighbourSimilarity } from '../../../src/evaluate/metrics/nearest-neighbour.js';
import { histogram, quantileSorted, summarize } from '../../../src/core/quantiles.js';

describe('nearestNeighbourSimilarity', () => {
  const items = [
    [1, 0, 0],
    [1, 0.01, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  it('finds each item’s most similar other item', () => {
    const result = nearestNeighbourSimilarity(items);
    expect(result.neighbours).toEqual([1, 0, 1, 0]);
    expect(result.similarities[0]).toBeCloseTo(1 / Math.hypot(1, 0.01), 12);
    expect(result.similarities[3]).toBe(0);
    expect(result.nearDuplicates).toBe(2);
    expect(result.histogram.counts.reduce((a, b) => a + b, 0)).toBe(4);
    expect(result.summary.max).toBeCloseTo(1 / Math.hypot(1, 0.01), 12);
  });
  it('queries a seeded sample against all items', () => {
    const result = nearestNeighbourSimilarity(items, { sample: 2, seed: 3 });
    expect(result.items).toHaveLength(2);
    expect(result).toEqual(nearestNeighbourSimilarity(items, { sample: 2, seed: 3 }));
  });
});

describe('quantiles', () => {
  it('interpolates like numpy (type 7)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    const s = summarize([4, 1, 3, 2]);
    expect([s.min, s.p50, s.max, s.mean, s.count]).toEqual([1, 2.5, 4, 2.5, 4]);
    expect(summarize([]).p50).toBeNaN();
  });
  it('bins values, clamping the ends', () => {
    expect(histogram([0, 0.5, 1, 2, -1], 2, 0, 1).counts).toEqual([2, 3]);
  });
});
