import { describe, expect, it } from 'vitest';
import { findPersonNames } from '../../../src/safety/pii/person-name.js';

describe('findPersonNames', () => {
  it('finds names after honorifics, without the honorific', () => {
    const spans = findPersonNames('Please ask Mr. Tan Ah Kow or Dr Siti Nurhaliza.');
    expect(spans.map((s) => [s.text, s.confidence])).toEqual([
      ['Tan Ah Kow', 0.85],
      ['Siti Nurhaliza', 0.85],
    ]);
    expect(spans[0].start).toBe('Please ask Mr. '.length);
  });
  it('finds self-introductions with graded confidence', () => {
    expect(findPersonNames('Hi, my name is Priya Raman.').map((s) => [s.text, s.confidence])).toEqual([['Priya Raman', 0.85]]);
    expect(findPersonNames("I'm José Álvarez")[0]).toMatchObject({ text: 'José Álvarez', confidence: 0.6 });
    expect(findPersonNames('Name: Wei Ling')[0].text).toBe('Wei Ling');
  });
  it('leaves a sentence-opening verb out of the name it introduces', () => {
    const names = (text: string) => findPersonNames(text).map((s) => s.text);
    expect(names('Contact Priya Sharma at the office.')).toEqual(['Priya Sharma']);
    expect(names('Email John Smith about it')).toEqual(['John Smith']);
  });

  it('skips lowercase words and common non-name words', () => {
    expect(findPersonNames('I am happy. I am Singaporean. my name is not known')).toEqual([]);
  });
});
