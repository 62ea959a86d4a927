import { describe, expect, it } from 'vitest';
import { findSsns, isPossibleSsn } from '../../../src/safety/pii/us-ssn.js';

const found = (text: string) => findSsns(text).map((s) => [s.text, s.confidence]);

describe('isPossibleSsn', () => {
  it('applies the SSA area, group and serial rules', () => {
    expect(isPossibleSsn('123456789')).toBe(true);
    expect(isPossibleSsn('000456789')).toBe(false); // area 000
    expect(isPossibleSsn('666456789')).toBe(false); // area 666
    expect(isPossibleSsn('923456789')).toBe(false); // area 9xx (ITINs, advertising)
    expect(isPossibleSsn('123006789')).toBe(false); // group 00
    expect(isPossibleSsn('123450000')).toBe(false); // serial 0000
    expect(isPossibleSsn('078051120')).toBe(false); // the voided Woolworth wallet number
  });
});

describe('findSsns', () => {
  it('rates SSNs by their cue and form', () => {
    expect(found('SSN 123-45-6789 belongs to Jane')).toEqual([['123-45-6789', 0.95]]);
    expect(found('social security number: 536 22 8410')).toEqual([['536 22 8410', 0.95]]);
    expect(found('Her SSN is 219451234.')).toEqual([['219451234', 0.95]]);
    expect(found('The applicant, 078-12-3456, was late')).toEqual([['078-12-3456', 0.7]]);
  });
  it('reports a cued number that breaks the SSA rules lower, and never a placeholder', () => {
    expect(found('SSN: 987-65-4321')).toEqual([['987-65-4321', 0.6]]);
    expect(found('SSN: 000-00-0000 and 111-11-1111')).toEqual([]);
  });
  it('does not report order numbers, uncued digit runs, invalid numbers or longer numbers', () => {
    expect(found('Order 123-45-6789 shipped')).toEqual([['123-45-6789', 0.2]]);
    expect(found('Serial 123456789, code 123 45 6789')).toEqual([]);
    expect(found('Area 666-12-3456, 900-12-3456, 123-00-4567 and 123-45-0000')).toEqual([]);
    expect(found('Part 123-45-6789-0, tel +1 123-45-6789, 12-123-45-6789')).toEqual([]);
    expect(found('Dates 1990-07-04 and 12-31-1990, amount 123,456,789')).toEqual([]);
  });
  it('lets the nearer cue win', () => {
    expect(found('SSN on file; order 123-45-6789')).toEqual([['123-45-6789', 0.2]]);
    expect(found('order 77, SSN 123-45-6789')).toEqual([['123-45-6789', 0.95]]);
  });
});
