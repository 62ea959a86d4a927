import { describe, expect, it } from 'vitest';
import { measureLeakage } from '../../src/safety/leakage.js';
import { SEPARATOR, SuffixAutomaton } from '../../src/safety/suffix-automaton.js';

describe('SuffixAutomaton', () => {
  it('computes matching statistics exactly (checked by brute force)', () => {
    const documents = [
      [1, 2, 3, 1, 2, 4],
      [2, 3, 1, 5],
      [4, 4, 4, 2],
    ];
    const automaton = new SuffixAutomaton();
    documents.forEach((doc, i) => {
      if (i > 0) automaton.extend(SEPARATOR);
      for (const t of doc) automaton.extend(t);
    });
    const occurs = (span: number[]) => documents.some((d) => d.some((_, s) => span.every((t, k) => d[s + k] === t)));
    const query = [3, 1, 2, 3, 1, 5, 4, 4, 4, 4, 2, 9, 2, 3];
    const { lengths, longest } = automaton.match(query);
    for (let i = 0; i < query.length; i++) {
      let expected = 0;
      while (expected < i + 1 && occurs(query.slice(i - expected, i + 1))) expected++;
      expect(lengths[i]).toBe(expected);
    }
    expect(longest).toBe(4); // "2 3 1 5" in document 1 ("3 1 2 3" crosses no separator: also 4)
  });
});

describe('measureLeakage', () => {
  const references = [
    'patient john reported severe chest pain after climbing the stairs at home yesterday evening',
    'the quarterly revenue grew by twelve percent driven by strong demand in asia',
  ];
  const synthetic = [
    'the patient reported severe chest pain after climbing the stairs at home yesterday evening too',
    'a completely unrelated sentence about gardening and tomatoes',
    'revenue grew by twelve percent',
  ];
  const report = measureLeakage(synthetic, references, { worst: 2 });

  it('finds the longest shared span and its reference', () => {
    // "reported severe chest pain after climbing the stairs at home yesterday evening" = 12 words.
    expect(Array.from(report.perText.longestSpan)).toEqual([12, 0, 5]);
    expect(report.worstBySpan[0]).toMatchObject({
      index: 0,
      longestSpan: 12,
      reference: 0,
      span: 'reported severe chest pain after climbing the stairs at home yesterday evening',
    });
  });

  it('computes the 8-gram overlap fraction', () => {
    // Text 0 has 15 words -> 8 eight-grams; those inside the 12-word span: 12 - 8 + 1 = 5.
    expect(report.perText.overlap[0]).toBeCloseTo(5 / 8, 12);
    expect(report.perText.overlap[1]).toBe(0);
    expect(report.perText.overlap[2]).toBe(0); // 5 words: no 8-grams
  });

  it('computes 1 - Jaccard over 3-gram shingles to the closest reference', () => {
    // Text 2's 3 shingles all occur in reference 1 (13 words, 11 shingles): Jaccard 3 / 11.
    expect(report.perText.distance[2]).toBeCloseTo(1 - 3 / 11, 12);
    // Text 0: 15 words, 13 shingles; reference 0: 14 words, 12 shingles; shared 10 -> 10 / 15.
    expect(report.perText.distance[0]).toBeCloseTo(1 - 10 / 15, 12);
    expect(report.perText.distance[1]).toBe(1);
    expect(report.worstByDistance.map((f) => [f.index, f.closestReference])).toEqual([
      [0, 0],
      [2, 1],
    ]);
  });

  it('summarises each measure', () => {
    expect(report.longestSpan.max).toBe(12);
    expect(report.distance.min).toBeCloseTo(1 / 3, 12);
    expect(report.texts).toBe(3);
    expect(report.references).toBe(2);
  });

  it('keeps the worst offenders right when streaming many texts', () => {
    const many = Array.from({ length: 500 }, (_, i) => (i === 321 ? synthetic[0] : `filler text number ${i} about nothing`));
    const result = measureLeakage(many, references, { worst: 3 });
    expect(result.worstBySpan[0].index).toBe(321);
    expect(result.worstBySpan).toHaveLength(3);
  });
});
