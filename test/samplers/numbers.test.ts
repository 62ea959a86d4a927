import { describe, expect, it } from 'vitest';
import { sampleFloat, sampleInteger } from '../../src/samplers/numbers.js';
import { createRng } from '../../src/core/rng.js';
import { SamplerError } from '../../src/core/sampler-error.js';
import { draw } from './shares.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};

describe('sampleInteger', () => {
  it('uniform covers both ends inclusive and nothing outside', () => {
    const rng = createRng('int');
    const xs = draw(5000, () => sampleInteger({ min: -3, max: 3 }, rng));
    expect(new Set(xs)).toEqual(new Set([-3, -2, -1, 0, 1, 2, 3]));
    expect(sampleInteger({ min: 4, max: 4 }, rng)).toBe(4);
  });

  it('normal centres on mean with the given std', () => {
    const rng = createRng('normal-int');
    const xs = draw(20_000, () => sampleInteger({ min: 0, max: 100, distribution: 'normal', mean: 50, std: 5 }, rng));
    expect(xs.every(Number.isInteger)).toBe(true);
    expect(Math.abs(mean(xs) - 50)).toBeLessThan(0.2);
    expect(Math.abs(std(xs) - 5)).toBeLessThan(0.2);
  });

  it('normal clips to [min, max], piling the tail onto the bound', () => {
    const rng = createRng('clip');
    const xs = draw(20_000, () => sampleInteger({ min: 0, max: 10, distribution: 'normal', mean: 0, std: 5 }, rng));
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBe(10);
    expect(xs.every((x) => Object.is(x, Math.abs(x)))).toBe(true); // no -0
    // Half the mass lies below the mean, plus the [0, 0.5) sliver that rounds to 0: about 54%.
    const atZero = xs.filter((x) => x === 0).length / xs.length;
    expect(atZero).toBeGreaterThan(0.5);
    expect(atZero).toBeLessThan(0.58);
  });

  it('normal defaults: mean at the midpoint, std a sixth of the range', () => {
    const rng = createRng('defaults');
    const xs = draw(20_000, () => sampleInteger({ min: 0, max: 600, distribution: 'normal' }, rng));
    expect(Math.abs(mean(xs) - 300)).toBeLessThan(2);
    expect(Math.abs(std(xs) - 100)).toBeLessThan(3);
  });

  it('rejects parameters it cannot honour', () => {
    const rng = createRng(1);
    expect(() => sampleInteger({ min: 5, max: 1 }, rng)).toThrow(/min \(5\) is greater than max \(1\)/);
    expect(() => sampleInteger({ min: 0.5, max: 1 }, rng)).toThrow(/whole numbers/);
    expect(() => sampleInteger({ min: 0, max: 9, mean: 3 }, rng)).toThrow(/apply only to distribution "normal"/);
    expect(() => sampleInteger({ min: 0, max: 9, distribution: 'normal', std: 0 }, rng)).toThrow(/std is 0/);
    expect(() => sampleInteger({ min: 0, max: 9, distribution: 'normal', mean: Number.NaN }, rng)).toThrow(/mean is NaN/);
    expect(() => sampleInteger({ min: 0, max: 9, distribution: 'poisson' as 'normal' }, rng)).toThrow(SamplerError);
  });
});

describe('sampleFloat', () => {
  it('uniform stays in [min, max) with a mean at the midpoint', () => {
    const rng = createRng('float');
    const xs = draw(20_000, () => sampleFloat({ min: -2, max: 3 }, rng));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...xs)).toBeLessThan(3);
    expect(Math.abs(mean(xs) - 0.5)).toBeLessThan(0.05);
  });

  it('rounds to `decimals` and reaches both ends', () => {
    const rng = createRng('decimals');
    const xs = draw(5000, () => sampleFloat({ min: 0, max: 1, decimals: 1 }, rng));
    expect(new Set(xs)).toEqual(new Set([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]));
    const ys = draw(1000, () => sampleFloat({ min: 10, max: 20, decimals: 2 }, rng));
    expect(ys.every((y) => Number(y.toFixed(2)) === y)).toBe(true);
  });

  it('keeps rounded values inside bounds that are off the grid', () => {
    const rng = createRng('grid');
    const xs = draw(2000, () => sampleFloat({ min: 0.12, max: 0.38, decimals: 1 }, rng));
    expect(new Set(xs)).toEqual(new Set([0.2, 0.3]));
    expect(() => sampleFloat({ min: 0.12, max: 0.18, decimals: 1 }, rng)).toThrow(/no number with 1 decimals/);
  });

  it('normal is clipped to [min, max]', () => {
    const rng = createRng('float-normal');
    const xs = draw(20_000, () => sampleFloat({ min: 0, max: 1, distribution: 'normal', mean: 0.9, std: 0.2, decimals: 3 }, rng));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBe(1);
    expect(xs.filter((x) => x === 1).length / xs.length).toBeGreaterThan(0.25);
  });

  it('rejects parameters it cannot honour', () => {
    const rng = createRng(1);
    expect(() => sampleFloat({ min: 1, max: 0 }, rng)).toThrow(/greater than max/);
    expect(() => sampleFloat({ min: 0, max: Infinity }, rng)).toThrow(/finite/);
    expect(() => sampleFloat({ min: 0, max: 1, decimals: 1.5 }, rng)).toThrow(/decimals is 1.5/);
    expect(() => sampleFloat({ min: 0, max: 1, std: 1 }, rng)).toThrow(/distribution "normal"/);
  });
});
