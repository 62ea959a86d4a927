import { describe, expect, it } from 'vitest';
import { DIVERSITY_DIMENSIONS, LENGTH_WORD_RANGES } from '../../src/samplers/diversity-data.js';
import { cellCounts, comboKey, createJointSampler, type JointDimensions } from '../../src/samplers/joint.js';
import { SamplerError } from '../../src/core/sampler-error.js';
import { expectedShares, maxShareError, shares } from './shares.js';

const dims: JointDimensions = {
  audience: { values: ['kids', 'students', 'experts'] },
  tone: { values: ['friendly', 'formal'] },
  length: { values: ['short', 'medium', 'long', 'epic'] },
};
const CELLS = 3 * 2 * 4;

function all(sampler: { sample(i: number): Record<string, string> }, total: number): Record<string, string>[] {
  return Array.from({ length: total }, (_, i) => sampler.sample(i));
}

describe('createJointSampler: stratified', () => {
  it.each([24, 50, 100, 1001])('balances all %i records over the cross product (counts differ by at most 1)', (total) => {
    const counts = [...cellCounts(all(createJointSampler({ dimensions: dims, mode: 'stratified', total, seed: 7 }), total), dims).values()];
    expect(counts).toHaveLength(CELLS);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(Math.min(...counts)).toBe(Math.floor(total / CELLS));
  });

  it('shuffles the order by seed rather than walking the product in order', () => {
    const a = all(createJointSampler({ dimensions: dims, mode: 'stratified', total: 48, seed: 1 }), 48);
    const b = all(createJointSampler({ dimensions: dims, mode: 'stratified', total: 48, seed: 2 }), 48);
    expect(a).not.toEqual(b);
    expect(a.slice(0, 3).map((s) => s.length)).not.toEqual(['short', 'medium', 'long']);
  });

  it('gives distinct combinations when the product is larger than total', () => {
    const big: JointDimensions = { a: { values: 'abcdefghij'.split('') }, b: { values: 'klmnopqrst'.split('') }, c: { values: ['x', 'y', 'z'] } };
    const samples = all(createJointSampler({ dimensions: big, mode: 'stratified', total: 120, seed: 'big' }), 120);
    expect(new Set(samples.map((s) => comboKey([s.a, s.b, s.c]))).size).toBe(120);
  });

  it('is deterministic per index, whatever the order or number of calls', () => {
    const options = { dimensions: dims, mode: 'stratified' as const, total: 60, seed: 'run' };
    const forward = all(createJointSampler(options), 60);
    const other = createJointSampler(options);
    const backward = Array.from({ length: 60 }, (_, i) => other.sample(59 - i)).reverse();
    expect(backward).toEqual(forward);
    expect(other.sample(13)).toEqual(forward[13]);
    expect(Object.keys(forward[0])).toEqual(['audience', 'tone', 'length']);
  });

  it('refuses an index outside the plan', () => {
    const sampler = createJointSampler({ dimensions: dims, mode: 'stratified', total: 10, seed: 0 });
    expect(() => sampler.sample(10)).toThrow(/outside the plan of 10 records/);
    expect(() => sampler.sample(-1)).toThrow(SamplerError);
  });
});

describe('createJointSampler: target', () => {
  it('meets largest-remainder quotas exactly and leaves unnamed combinations out', () => {
    const two: JointDimensions = { level: { values: ['easy', 'hard'] }, tone: { values: ['calm', 'angry'] } };
    const target = { 'easy|calm': 1, 'hard|angry': 1, ' hard | calm ': 1 };
    const counts = cellCounts(all(createJointSampler({ dimensions: two, mode: 'target', target, total: 100, seed: 3 }), 100), two);
    // 100/3 = 33.33 each; the one leftover seat goes to the first entry (ties by order).
    expect(Object.fromEntries(counts)).toEqual({ 'easy|calm': 34, 'easy|angry': 0, 'hard|calm': 33, 'hard|angry': 33 });
  });

  it('follows unequal weights with the largest remainders', () => {
    const one: JointDimensions = { x: { values: ['a', 'b', 'c'] } };
    // Exact shares of 10: 4.5, 3.5, 2 -> floors 4, 3, 2, one seat left, tie of .5 to the first.
    const counts = cellCounts(all(createJointSampler({ dimensions: one, mode: 'target', target: { a: 45, b: 35, c: 20 }, total: 10, seed: 0 }), 10), one);
    expect([...counts.values()]).toEqual([5, 3, 2]);
  });

  it.each([
    ['no target', undefined, /target mode needs target/],
    ['a key with too few values', { easy: 1 }, /has 1 value\(s\); give 2/],
    ['an unknown value', { 'easy|sad': 1 }, /"sad" is not a value of dimension "tone"/],
    ['a repeated combination', { 'easy|calm': 1, 'easy | calm': 2 }, /names the combination "easy \| calm" twice/],
    ['a negative weight', { 'easy|calm': -1 }, /must be >= 0/],
  ])('rejects %s', (_, target, message) => {
    const two: JointDimensions = { level: { values: ['easy', 'hard'] }, tone: { values: ['calm', 'angry'] } };
    expect(() => createJointSampler({ dimensions: two, mode: 'target', target, total: 5, seed: 0 })).toThrow(message);
  });
});

describe('createJointSampler: independent', () => {
  it('draws each dimension by its weights, within ±0.02 over 10,000 records', () => {
    const weighted: JointDimensions = {
      level: { values: ['easy', 'medium', 'hard'], weights: [6, 3, 1] },
      tone: { values: ['calm', 'angry'] },
    };
    const samples = all(createJointSampler({ dimensions: weighted, mode: 'independent', total: 10_000, seed: 'ind' }), 10_000);
    expect(maxShareError(shares(samples.map((s) => s.level)), expectedShares(['easy', 'medium', 'hard'], [6, 3, 1]))).toBeLessThan(0.02);
    expect(maxShareError(shares(samples.map((s) => s.tone)), expectedShares(['calm', 'angry'], [1, 1]))).toBeLessThan(0.02);
  });

  it('depends only on the index, and one dimension’s draws do not move when another is added', () => {
    const base = createJointSampler({ dimensions: { tone: dims.tone }, mode: 'independent', total: 50, seed: 4 });
    const more = createJointSampler({ dimensions: { audience: dims.audience, tone: dims.tone }, mode: 'independent', total: 50, seed: 4 });
    for (let i = 49; i >= 0; i--) expect(more.sample(i).tone).toBe(base.sample(i).tone);
  });
});

describe('createJointSampler: input checks', () => {
  it.each([
    [
      'weights outside independent mode',
      { dimensions: { a: { values: ['x', 'y'], weights: [1, 2] } }, mode: 'stratified' as const },
      /only independent mode uses/,
    ],
    ['no dimensions', { dimensions: {}, mode: 'stratified' as const }, /at least one dimension/],
    ['an empty dimension', { dimensions: { a: { values: [] } }, mode: 'stratified' as const }, /dimension "a" has no values/],
    ['a repeated value', { dimensions: { a: { values: ['x', 'x'] } }, mode: 'stratified' as const }, /lists "x" twice/],
    ['a value holding the separator', { dimensions: { a: { values: ['x|y'] } }, mode: 'independent' as const }, /contains "\|"/],
    ['a weight count mismatch', { dimensions: { a: { values: ['x', 'y'], weights: [1] } }, mode: 'independent' as const }, /1 weights for 2 values/],
    ['a target in stratified mode', { dimensions: dims, mode: 'stratified' as const, target: { a: 1 } }, /target is used only in target mode/],
  ])('rejects %s', (_, options, message) => {
    const call = () => createJointSampler({ total: 10, seed: 0, ...options });
    expect(call).toThrow(SamplerError);
    expect(call).toThrow(message);
  });

  it('rejects a total that is not a positive whole number', () => {
    expect(() => createJointSampler({ dimensions: dims, mode: 'stratified', total: 0, seed: 0 })).toThrow(/total must be a whole number >= 1/);
  });

  it('cellCounts rejects a value outside its dimension', () => {
    expect(() => cellCounts([{ audience: 'kids', tone: 'loud', length: 'short' }], dims)).toThrow(/sample 0 has tone="loud"/);
  });
});

describe('built-in diversity data', () => {
  it('works as joint dimensions and is frozen', () => {
    const dimensions = Object.fromEntries(Object.entries(DIVERSITY_DIMENSIONS).map(([name, d]) => [name, { values: d.values }]));
    const sampler = createJointSampler({ dimensions, mode: 'stratified', total: 30, seed: 0 });
    expect(Object.keys(sampler.sample(0))).toEqual(['audience', 'style', 'tone', 'length']);
    expect(DIVERSITY_DIMENSIONS.audience.values).toContain('young children');
    expect(DIVERSITY_DIMENSIONS.audience.source).toMatch(/Cosmopedia/);
    for (const value of DIVERSITY_DIMENSIONS.length.values) expect(LENGTH_WORD_RANGES[value]).toBeDefined();
    expect(Object.isFrozen(DIVERSITY_DIMENSIONS.tone.values)).toBe(true);
  });
});
