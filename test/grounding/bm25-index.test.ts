import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/grounding/bm25-index.js';

describe('Bm25Index', () => {
  // Three tiny documents (no stopwords, no plurals, so index terms are the words themselves):
  //   D0 "rent flat rent"               |D| = 3
  //   D1 "flat grant"                   |D| = 2
  //   D2 "grant grant appeal deadline"  |D| = 4      N = 3, avgdl = 3, k1 = 1.2, b = 0.75
  // Query "rent grant":
  //   idf(rent)  = ln(1 + (3 - 1 + 0.5) / (1 + 0.5)) = ln(2.6667) = 0.98083
  //   idf(grant) = ln(1 + (3 - 2 + 0.5) / (2 + 0.5)) = ln(1.6)    = 0.47000
  //   D0: rent,  tf 2, K = 1.2 * (0.25 + 0.75 * 3/3) = 1.2 -> 0.98083 * 2 * 2.2 / (2 + 1.2) = 1.34864
  //   D1: grant, tf 1, K = 1.2 * (0.25 + 0.75 * 2/3) = 0.9 -> 0.47000 * 1 * 2.2 / (1 + 0.9) = 0.54421
  //   D2: grant, tf 2, K = 1.2 * (0.25 + 0.75 * 4/3) = 1.5 -> 0.47000 * 2 * 2.2 / (2 + 1.5) = 0.59086
  // Expected ranking: D0, D2, D1 (D2's second "grant" outweighs its length).
  const index = Bm25Index.build(['rent flat rent', 'flat grant', 'grant grant appeal deadline']);

  it('ranks and scores a hand-computed example', () => {
    const hits = index.search('rent grant', 10);
    expect(hits.map((h) => h.doc)).toEqual([0, 2, 1]);
    expect(hits[0].score).toBeCloseTo(1.34864, 4);
    expect(hits[1].score).toBeCloseTo(0.59086, 4);
    expect(hits[2].score).toBeCloseTo(0.54421, 4);
  });

  it('ignores stopwords and repeated query terms, honours topK and minScore', () => {
    expect(index.search('the rent of the rent', 10)).toEqual(index.search('rent', 10));
    expect(index.search('rent grant', 2).map((h) => h.doc)).toEqual([0, 2]);
    expect(index.search('rent grant', 10, { minScore: 0.56 }).map((h) => h.doc)).toEqual([0, 2]);
    expect(index.search('unknown words', 10)).toEqual([]);
  });

  it('breaks ties by document order and survives a JSON round trip', () => {
    const tied = Bm25Index.build(['alpha beta', 'gamma', 'alpha beta']);
    expect(tied.search('alpha', 5).map((h) => h.doc)).toEqual([0, 2]);
    const copy = Bm25Index.fromJSON(JSON.parse(JSON.stringify(index.toJSON())));
    expect(copy.search('rent grant', 10)).toEqual(index.search('rent grant', 10));
    expect(copy.documentFrequency('grant')).toBe(2);
  });
});
