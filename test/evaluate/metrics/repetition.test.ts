import { describe, expect, it } from 'vitest';
import { FrequentNgrams, RepetitionCounter, selfRepetition, topRepeatedNgrams } from '../../../src/evaluate/metrics/repetition.js';

describe('selfRepetition', () => {
  it('is the fraction of n-grams repeating an earlier one', () => {
    // bigrams: "a b","b a","a b","b a","a b" -> 2 distinct of 5 -> 1 - 2/5.
    expect(selfRepetition(['a', 'b', 'a', 'b', 'a', 'b'], 2)).toBeCloseTo(0.6, 12);
    expect(selfRepetition(['a', 'b', 'c', 'd', 'e'], 4)).toBe(0);
    expect(selfRepetition(['a', 'b'], 4)).toBe(0);
  });
});

describe('RepetitionCounter', () => {
  it('averages over texts long enough to have n-grams', () => {
    const counter = new RepetitionCounter(2, 0.5);
    expect(counter.add('a b a b a b')).toBeCloseTo(0.6, 12);
    expect(counter.add('one two three')).toBe(0);
    expect(counter.add('short')).toBeNull();
    expect(counter.summary()).toEqual({ mean: 0.3, measured: 2, repetitive: 1, threshold: 0.5 });
  });
});

describe('topRepeatedNgrams', () => {
  const texts = [
    'as an ai language model i cannot',
    'as an ai language model i will',
    'the weather as an ai sees it',
    'nothing in common here at all',
    'as an ai assistant',
  ];
  it('counts records (not occurrences) per n-gram, most frequent first', () => {
    const top = topRepeatedNgrams(texts, { n: 3, top: 3 });
    expect(top[0]).toEqual({ ngram: 'as an ai', records: 4, share: 0.8 });
    expect(top.slice(1).map((t) => t.ngram)).toEqual(['ai language model', 'an ai language']);
    expect(top[1].records).toBe(2);
  });
  it('finds exact counts for frequent n-grams even with a tiny Misra-Gries capacity', () => {
    const many = Array.from({ length: 300 }, (_, i) => `filler${i} words${i % 50} then the common phrase appears here`);
    const top = topRepeatedNgrams(many, { n: 3, top: 1, capacity: 8 });
    expect(top[0].records).toBe(300);
  });
  it('exposes Misra-Gries lower bounds', () => {
    const summary = new FrequentNgrams(1, 2);
    for (const text of ['x', 'x', 'y', 'z', 'x']) summary.add(text);
    // x:1, x:2, y:1, then z meets a full summary: all decremented (y dropped), then x:2.
    expect(summary.candidates().map((c) => c.atLeast)).toEqual([2]);
  });
});
