import { describe, expect, it } from 'vitest';
import { sampleCategory } from '../../src/samplers/category.js';
import { createRng } from '../../src/core/rng.js';
import { SamplerError } from '../../src/core/sampler-error.js';
import { draw, expectedShares, maxShareError, shares } from './shares.js';

describe('sampleCategory', () => {
  it('honours weights within ±0.015 over 20,000 draws', () => {
    const rng = createRng('category');
    const params = { values: ['low', 'medium', 'high'], weights: [1, 2, 7] };
    const got = shares(draw(20_000, () => sampleCategory(params, rng)));
    expect(maxShareError(got, expectedShares(params.values, params.weights))).toBeLessThan(0.015);
  });

  it('is uniform without weights and keeps the values’ types', () => {
    const rng = createRng('uniform');
    const values = [1, 2, true, 'x'] as const;
    const picks = draw(20_000, () => sampleCategory({ values }, rng));
    expect(maxShareError(shares(picks), expectedShares(values, [1, 1, 1, 1]))).toBeLessThan(0.015);
    expect(picks).toContain(true);
    expect(picks).toContain(1);
  });

  it('is reproducible for a seed', () => {
    const params = { values: ['a', 'b', 'c'], weights: [3, 2, 1] };
    const a = createRng(9);
    const b = createRng(9);
    expect(draw(100, () => sampleCategory(params, a))).toEqual(draw(100, () => sampleCategory(params, b)));
  });

  it('never returns a zero-weight value', () => {
    const rng = createRng('zero');
    expect(draw(5000, () => sampleCategory({ values: ['never', 'always'], weights: [0, 1] }, rng))).not.toContain('never');
  });

  it.each([
    ['a length mismatch', { values: ['a', 'b'], weights: [1] }, /1 weights for 2 values/],
    ['a negative weight', { values: ['a', 'b'], weights: [1, -0.5] }, /weights\[1\] is -0.5; weights must be >= 0/],
    ['a NaN weight', { values: ['a', 'b'], weights: [Number.NaN, 1] }, /weights\[0\] is NaN; every weight must be a finite number/],
    ['an infinite weight', { values: ['a', 'b'], weights: [1, Infinity] }, /weights\[1\] is Infinity/],
    ['all-zero weights', { values: ['a', 'b'], weights: [0, 0] }, /all weights are zero/],
    ['no values', { values: [] as string[] }, /values is empty/],
  ])('rejects %s with a clear SamplerError', (_, params, message) => {
    const call = () => sampleCategory(params, createRng(1));
    expect(call).toThrow(SamplerError);
    expect(call).toThrow(message);
  });
});
