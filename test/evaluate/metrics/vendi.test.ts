import { describe, expect, it } from 'vitest';
import { symmetricEigenvalues } from '../../../src/evaluate/metrics/symmetric-eigenvalues.js';
import { vendiScore } from '../../../src/evaluate/metrics/vendi.js';

describe('symmetricEigenvalues', () => {
  it('finds the eigenvalues of a known matrix', () => {
    // [[2,1],[1,2]] has eigenvalues 3 and 1; [[4,1,0],[1,3,1],[0,1,2]]'s sum to 9 and multiply to 18.
    expect([...symmetricEigenvalues(Float64Array.from([2, 1, 1, 2]), 2)].map((x) => Number(x.toFixed(10)))).toEqual([3, 1]);
    const values = symmetricEigenvalues(Float64Array.from([4, 1, 0, 1, 3, 1, 0, 1, 2]), 3);
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(9, 10);
    expect(values.reduce((a, b) => a * b, 1)).toBeCloseTo(18, 10);
    // 3 is an eigenvalue (the others are 3 ± sqrt(3)).
    expect([...values].some((v) => Math.abs(v - 3) < 1e-10)).toBe(true);
    expect(values[0]).toBeCloseTo(3 + Math.sqrt(3), 10);
  });
});

describe('vendiScore', () => {
  it('is 1 for n identical items', () => {
    expect(vendiScore(Array.from({ length: 7 }, () => [0.3, -1, 2]))).toBeCloseTo(1, 10);
  });
  it('is n for n orthogonal items (both K and X^T X paths)', () => {
    const identity = (n: number, d: number) => Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, k) => (k === i ? 5 : 0)));
    expect(vendiScore(identity(6, 10))).toBeCloseTo(6, 10);
    expect(vendiScore(identity(6, 6))).toBeCloseTo(6, 10);
    expect(vendiScore([new Float32Array([1, 0]), new Float32Array([0, -2])])).toBeCloseTo(2, 10);
  });
  it('matches the closed form for two items with cosine c: eigenvalues (1 ± c) / 2', () => {
    const c = 0.5;
    const expected = Math.exp(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)));
    expect(
      vendiScore([
        [1, 0],
        [c, Math.sqrt(1 - c * c)],
      ]),
    ).toBeCloseTo(expected, 10);
  });
  it('agrees between the n x n and d x d decompositions', () => {
    const rows = Array.from({ length: 12 }, (_, i) => [Math.sin(i), Math.cos(i * 1.3), Math.sin(i * 0.7 + 1), 0.2 * i]);
    const padded = rows.map((r) => [...r, ...new Array(20).fill(0)]);
    expect(vendiScore(rows)).toBeCloseTo(vendiScore(padded), 9);
  });
  it('samples above maxItems and rejects zero vectors', () => {
    const rows = Array.from({ length: 30 }, (_, i) => Array.from({ length: 40 }, (_, k) => (k === i ? 1 : 0)));
    expect(vendiScore(rows, { maxItems: 10 })).toBeCloseTo(10, 10);
    expect(() =>
      vendiScore([
        [0, 0],
        [1, 0],
      ]),
    ).toThrow(/embedding 0/);
    expect(vendiScore([])).toBeNaN();
  });
});
