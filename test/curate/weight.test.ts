import { describe, expect, it } from 'vitest';
import { normalizeWeights } from '../../src/curate/weight.js';

const mean = (xs: (number | undefined)[]) => {
  const v = xs.filter((x): x is number => x !== undefined);
  return v.reduce((s, x) => s + x, 0) / v.length;
};

describe('weights', () => {
  it('normalizes to mean 1', () => {
    expect(normalizeWeights([1, 2, 3, 2])).toEqual([0.5, 1, 1.5, 1]);
  });
  it('leaves records without a raw value out', () => {
    const w = normalizeWeights([2, undefined, 6]);
    expect(w).toEqual([0.5, undefined, 1.5]);
  });
  it('clips to [min, max] and keeps the mean at 1', () => {
    const w = normalizeWeights([1, 1, 1, 10], { min: 0.5, max: 2 });
    expect(Math.max(...(w as number[]))).toBe(2);
    expect(Math.min(...(w as number[]))).toBeGreaterThanOrEqual(0.5);
    expect(mean(w)).toBeCloseTo(1, 6);
    const low = normalizeWeights([0, 5, 5, 5], { min: 0.4 });
    expect(low[0]).toBe(0.4);
    expect(mean(low)).toBeCloseTo(1, 6);
  });
  it('all-zero raw values give every record weight 1', () => {
    expect(normalizeWeights([0, 0])).toEqual([1, 1]);
  });
});
