import { describe, expect, it } from 'vitest';
import { DistinctNCounter, distinctN } from '../../../src/evaluate/metrics/distinct-n.js';

describe('distinctN', () => {
  // "the cat sat" + "the cat ran": unigrams the,cat,sat,the,cat,ran -> 4 distinct of 6;
  // bigrams "the cat","cat sat","the cat","cat ran" -> 3 of 4; trigrams 2 of 2 (none span texts).
  const texts = ['The cat sat', 'the cat ran'];
  it('matches hand-computed values', () => {
    expect(distinctN(texts, 1)).toBeCloseTo(4 / 6, 12);
    expect(distinctN(texts, 2)).toBeCloseTo(3 / 4, 12);
    expect(distinctN(texts, 3)).toBe(1);
    expect(distinctN(texts, 4)).toBeNaN();
  });
  it('is 1/k for k copies of one text', () => {
    expect(distinctN(['a b c d e', 'a b c d e', 'a b c d e'], 2)).toBeCloseTo(1 / 3, 12);
  });
  it('rejects n outside 1..4', () => {
    expect(() => distinctN(texts, 5)).toThrow(RangeError);
    expect(() => distinctN(texts, 0)).toThrow(RangeError);
  });
});

describe('DistinctNCounter', () => {
  it('streams the same values as the batch function, with counts', () => {
    const counter = new DistinctNCounter();
    counter.add('The cat sat');
    counter.add('the cat ran');
    expect(counter.value(1)).toBeCloseTo(4 / 6, 12);
    expect(counter.counts(2)).toEqual({ distinct: 3, total: 4 });
  });
  it('counts exactly on a larger synthetic corpus (checked against string sets)', () => {
    const words = Array.from({ length: 50 }, (_, i) => `w${i}`);
    const texts = Array.from({ length: 2000 }, (_, t) => Array.from({ length: 20 }, (_, k) => words[(t * 7 + k * k * 3 + t * k) % 50]).join(' '));
    const counter = new DistinctNCounter();
    for (const text of texts) counter.add(text);
    for (let n = 1; n <= 4; n++) {
      const seen = new Set<string>();
      let total = 0;
      for (const text of texts) {
        const tokens = text.split(' ');
        for (let i = 0; i + n <= tokens.length; i++, total++) seen.add(tokens.slice(i, i + n).join(' '));
      }
      expect(counter.counts(n)).toEqual({ distinct: seen.size, total });
    }
  });
});
