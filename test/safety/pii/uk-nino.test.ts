import { describe, expect, it } from 'vitest';
import { findNinos, isValidNino } from '../../../src/safety/pii/uk-nino.js';

const found = (text: string) => findNinos(text).map((s) => [s.text, s.confidence]);

describe('isValidNino', () => {
  it('accepts only allocated prefixes', () => {
    expect(isValidNino('AB123456C')).toBe(true);
    expect(isValidNino('AB 12 34 56 C')).toBe(true);
    expect(isValidNino('JG103759')).toBe(true);
    expect(isValidNino('DA123456A')).toBe(false); // D is never a first letter
    expect(isValidNino('AO123456A')).toBe(false); // O is never a second letter
    expect(isValidNino('GB123456A')).toBe(false); // GB, BG, KN, NK, NT, TN, ZZ are not allocated
    expect(isValidNino('QQ123456C')).toBe(false);
    expect(isValidNino('AB123456E')).toBe(false); // suffix A-D
  });
});

describe('findNinos', () => {
  it('finds NI numbers in the ways they are written, rated by cue', () => {
    expect(found('National Insurance number AB 12 34 56 C on the payslip')).toEqual([['AB 12 34 56 C', 0.95]]);
    expect(found('NINO: JG103759A')).toEqual([['JG103759A', 0.95]]);
    expect(found('NI no. SN 345678 (no suffix)')).toEqual([['SN 345678', 0.95]]);
    expect(found('Claimant JG103759A called')).toEqual([['JG103759A', 0.75]]);
  });
  it('reports a cued number with an unallocated prefix lower', () => {
    expect(found('NI number: QQ 12 34 56 C')).toEqual([['QQ 12 34 56 C', 0.6]]);
  });
  it('does not report codes, references, unsuffixed uncued numbers or mixed spacing', () => {
    expect(found('Order #AB123456C cancelled')).toEqual([['AB123456C', 0.2]]);
    expect(found('Stock AB123456 and GB123456A and ZZ123456B')).toEqual([]);
    expect(found('Code AB12 3456C, AB1234567C, xAB123456C')).toEqual([]);
    expect(found('Flight SQ 321, route AB 12')).toEqual([]);
  });
});
