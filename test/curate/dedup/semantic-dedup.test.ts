import { describe, expect, it } from 'vitest';
import { semanticDuplicateClusters } from '../../../src/curate/dedup/semantic-dedup.js';
import { seededInts } from './exact-jaccard-sets.js';

function randomVector(next: () => number, dims: number): number[] {
  return Array.from({ length: dims }, () => next() / 2 ** 31);
}

describe('semanticDuplicateClusters', () => {
  it('clusters vectors by cosine similarity, whatever their length', () => {
    const next = seededInts(8);
    const base = Array.from({ length: 6 }, () => randomVector(next, 32));
    const nearBase0 = base[0].map((x) => x + 0.01 * (next() / 2 ** 31)); // cosine ~ 0.9999
    const scaledBase3 = Float32Array.from(base[3], (x) => 5 * x); // cosine exactly 1
    const embeddings = [...base, nearBase0, scaledBase3]; // 6, 7
    const { clusters, pairs } = semanticDuplicateClusters(embeddings);
    expect(clusters).toEqual([
      [0, 6],
      [3, 7],
    ]);
    expect(pairs).toHaveLength(2);
    expect(pairs[1]).toMatchObject({ a: 3, b: 7 });
    expect(pairs[1].similarity).toBeCloseTo(1, 5);
  });

  it('uses the threshold as a cosine cut, inclusive', () => {
    const angle = (degrees: number) => [Math.cos((degrees * Math.PI) / 180), Math.sin((degrees * Math.PI) / 180)];
    const vectors = [angle(0), angle(20), angle(40), angle(90)]; // cos(20deg) = 0.94
    expect(semanticDuplicateClusters(vectors).clusters).toEqual([[0, 1, 2]]); // 0~1, 1~2 chain
    expect(semanticDuplicateClusters(vectors, { threshold: 0.95 }).clusters).toEqual([]);
    expect(semanticDuplicateClusters(vectors, { threshold: 0.7 }).pairs.map((p) => [p.a, p.b])).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
  });

  it('never pairs zero vectors, and handles no input', () => {
    expect(
      semanticDuplicateClusters([
        [0, 0],
        [0, 0],
        [1, 1],
      ]).clusters,
    ).toEqual([]);
    expect(semanticDuplicateClusters([])).toEqual({ clusters: [], pairs: [] });
  });

  it('rejects mixed dimensions and non-finite values', () => {
    expect(() =>
      semanticDuplicateClusters([
        [1, 2],
        [1, 2, 3],
      ]),
    ).toThrow(/embedding 1 has 3 dimensions/);
    expect(() => semanticDuplicateClusters([[1, Number.NaN]])).toThrow(RangeError);
  });
});
