import { describe, expect, it } from 'vitest';
import { UnionFind } from '../../../src/curate/dedup/union-find.js';

describe('UnionFind', () => {
  it('joins transitively and lists clusters of two or more, sorted', () => {
    const sets = new UnionFind(8);
    sets.union(5, 1);
    sets.union(6, 7);
    expect(sets.union(1, 3)).toBe(true);
    expect(sets.union(3, 5)).toBe(false);
    expect(sets.clusters()).toEqual([
      [1, 3, 5],
      [6, 7],
    ]);
    expect(sets.find(5)).toBe(sets.find(3));
    expect(sets.find(0)).toBe(0);
  });
});
