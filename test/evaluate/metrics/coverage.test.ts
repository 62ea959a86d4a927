import { describe, expect, it } from 'vitest';
import { MISSING_VALUE, attributeCoverage, combinationCoverage } from '../../../src/evaluate/metrics/coverage.js';

const records = [
  { topic: 'a', persona: { region: 'north' } },
  { topic: 'a', persona: { region: 'south' } },
  { topic: 'a', persona: { region: 'north' } },
  { topic: 'b', persona: { region: 'north' } },
  { topic: null, persona: {} },
];

describe('attributeCoverage', () => {
  it('counts values (missing ones too) with entropy and evenness', () => {
    const result = attributeCoverage(records, 'topic');
    expect(result.counts).toEqual([
      { value: 'a', count: 3, share: 0.6 },
      { value: MISSING_VALUE, count: 1, share: 0.2 },
      { value: 'b', count: 1, share: 0.2 },
    ]);
    const h = -(0.6 * Math.log(0.6) + 2 * 0.2 * Math.log(0.2));
    expect(result.entropy).toBeCloseTo(h, 12);
    expect(result.normalizedEntropy).toBeCloseTo(h / Math.log(3), 12);
  });
  it('compares with target weights: KL, total variation, missing and unexpected values', () => {
    const even = [{ t: 'x' }, { t: 'y' }];
    expect(attributeCoverage(even, 't', { target: { x: 1, y: 1 } }).target).toEqual({ kl: 0, totalVariation: 0, missing: [], unexpected: [] });
    // observed x: 3/4, y: 1/4 vs target 1/2, 1/2: KL = 3/4 ln(3/2) + 1/4 ln(1/2); TV = 1/4.
    const skewed = [{ t: 'x' }, { t: 'x' }, { t: 'x' }, { t: 'y' }];
    const result = attributeCoverage(skewed, 't', { target: { x: 2, y: 2, z: 0 } });
    expect(result.target!.kl).toBeCloseTo(0.75 * Math.log(1.5) + 0.25 * Math.log(0.5), 12);
    expect(result.target!.totalVariation).toBeCloseTo(0.25, 12);
    const missing = attributeCoverage(skewed, 't', { target: { x: 1, z: 1 } }).target!;
    expect(missing.kl).toBe(Number.POSITIVE_INFINITY);
    expect(missing.missing).toEqual(['z']);
    expect(missing.unexpected).toEqual(['y']);
    expect(missing.totalVariation).toBeCloseTo(0.5 * (0.25 + 0.25 + 0.5), 12);
    expect(() => attributeCoverage(skewed, 't', { target: { x: -1 } })).toThrow(/non-negative/);
  });
});

describe('combinationCoverage', () => {
  it('counts combinations and lists missing ones over the given domains', () => {
    const result = combinationCoverage(records.slice(0, 4), ['topic', 'persona.region'], {
      domains: { topic: ['a', 'b', 'c'] },
    });
    expect(result.combinations[0]).toEqual({ values: ['a', 'north'], count: 2 });
    expect(result.possible).toBe(6);
    expect(result.observed).toBe(3);
    expect(result.coverage).toBe(0.5);
    expect(result.missing).toEqual([
      ['b', 'south'],
      ['c', 'north'],
      ['c', 'south'],
    ]);
  });
  it('does not list missing combinations above the limit', () => {
    expect(combinationCoverage(records, ['topic', 'persona.region'], { maxListed: 2 }).missing).toBeNull();
  });
});
