import { describe, expect, it } from 'vitest';
import { findNrics, isValidNric, nricCheckLetter } from '../../../src/safety/pii/nric.js';

describe('NRIC/FIN check letters', () => {
  it('matches hand-computed vectors', () => {
    // 1*2+2*7+3*6+4*5+5*4+6*3+7*2 = 106; 106 mod 11 = 7.
    expect(nricCheckLetter('S', '1234567')).toBe('D'); // ST[7]
    expect(nricCheckLetter('F', '1234567')).toBe('N'); // FG[7]
    expect(nricCheckLetter('G', '1234567')).toBe('X'); // (106 + 4) mod 11 = 0 -> FG[0]
    expect(nricCheckLetter('M', '1234567')).toBe('K'); // (106 + 3) mod 11 = 10 -> M[10]
    // 0*2+1*7+2*6+3*5+4*4+5*3+6*2 = 77; +4 = 81; 81 mod 11 = 4 -> ST[4] = G.
    expect(nricCheckLetter('T', '0123456')).toBe('G');
    // 7654321: 14+42+30+20+12+6+2 = 126 mod 11 = 5 -> ST[5] = F; M: 129 mod 11 = 8 -> M[8] = J.
    expect(nricCheckLetter('S', '7654321')).toBe('F');
    expect(nricCheckLetter('M', '7654321')).toBe('J');
  });
  it('validates whole numbers, case-insensitively', () => {
    expect(isValidNric('S1234567D')).toBe(true);
    expect(isValidNric('s1234567d')).toBe(true);
    expect(isValidNric('T0123456G')).toBe(true);
    expect(isValidNric('S1234567A')).toBe(false);
    expect(isValidNric('X1234567D')).toBe(false);
    expect(isValidNric('S123456D')).toBe(false);
  });
});

describe('findNrics', () => {
  it('reports only valid numbers with their offsets', () => {
    const text = 'IDs: S1234567D, S1234567A, M1234567K and xS1234567D.';
    expect(findNrics(text).map((s) => [s.text, s.start])).toEqual([
      ['S1234567D', 5],
      ['M1234567K', 27],
    ]);
  });
  it('reports a wrong check letter after an NRIC, IC or FIN cue, lower', () => {
    // S8823471: 8*2+8*7+2*6+3*5+4*4+7*3+1*2 = 138; 138 mod 11 = 6 -> ST[6] = E, so J is wrong.
    expect(findNrics('Hi, my NRIC is S8823471J.').map((s) => [s.text, s.confidence])).toEqual([['S8823471J', 0.7]]);
    expect(findNrics('IC no: S1234567A').map((s) => [s.text, s.confidence])).toEqual([['S1234567A', 0.7]]);
    expect(findNrics('FIN G1234567X').map((s) => [s.text, s.confidence])).toEqual([['G1234567X', 0.95]]);
    expect(findNrics('Order S8823471J, code S1234567A')).toEqual([]);
  });
});
