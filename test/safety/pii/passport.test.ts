import { describe, expect, it } from 'vitest';
import { findPassports } from '../../../src/safety/pii/passport.js';

const found = (text: string) => findPassports(text).map((s) => [s.text, s.confidence]);

describe('findPassports', () => {
  it('finds numbers right after a passport word, in common formats', () => {
    expect(found('passport number 123456789.')).toEqual([['123456789', 0.9]]);
    expect(found('Passport No.: E1234567A')).toEqual([['E1234567A', 0.9]]);
    expect(found('My passport is K7654321L, expiring 2030.')).toEqual([['K7654321L', 0.9]]);
    expect(found('Passport: C01X00T47 (Germany)')).toEqual([['C01X00T47', 0.9]]);
    expect(found('passport # 12AB34567')).toEqual([['12AB34567', 0.9]]);
    expect(found('travel document no. A1234567')).toEqual([['A1234567', 0.85]]);
    expect(findPassports('his passport (J8369854) was seized')[0]).toMatchObject({ text: 'J8369854', start: 14, end: 22 });
  });
  it('needs the passport word right before the number', () => {
    expect(found('The passport fee is 75 dollars; ref 123456789')).toEqual([]);
    expect(found('My passport expired in 2020.')).toEqual([]);
    expect(found('passport photos: 4 copies, order 123456789')).toEqual([]);
    expect(found('Order 123456789 and serial E1234567A')).toEqual([]);
  });
  it('rejects tokens with too few digits or of the wrong length', () => {
    expect(found('passport number ABCDEF12')).toEqual([]);
    expect(found('passport number 12345')).toEqual([]);
    expect(found('passport number 1234567890')).toEqual([]);
  });
});
