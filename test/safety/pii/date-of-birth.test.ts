import { describe, expect, it } from 'vitest';
import { findDatesOfBirth } from '../../../src/safety/pii/date-of-birth.js';

const texts = (text: string) => findDatesOfBirth(text).map((s) => s.text);

describe('findDatesOfBirth', () => {
  it('finds dates after birth words, in several forms', () => {
    expect(texts('DOB: 31/12/1990')).toEqual(['31/12/1990']);
    expect(texts('She was born on 3 March 1985 in Ipoh.')).toEqual(['3 March 1985']);
    expect(texts('Date of birth 1990-07-04.')).toEqual(['1990-07-04']);
    expect(texts('My birthday is December 25th, 1979')).toEqual(['December 25th, 1979']);
  });
  it('ignores dates without a birth word nearby, and impossible dates', () => {
    expect(texts('The meeting is on 31/12/2024.')).toEqual([]);
    expect(texts('born 45/13/1990')).toEqual([]);
    expect(texts('I was born in Singapore, and many years later, on 12/05/2020, moved away')).toEqual([]);
  });
});
