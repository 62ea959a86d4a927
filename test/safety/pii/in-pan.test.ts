import { describe, expect, it } from 'vitest';
import { findPans } from '../../../src/safety/pii/in-pan.js';

const found = (text: string) => findPans(text).map((s) => [s.text, s.confidence]);

describe('findPans', () => {
  it('rates PANs by cue and status letter', () => {
    expect(found('PAN: AFZPK7190K for the filing')).toEqual([['AFZPK7190K', 0.95]]);
    expect(found('Permanent Account Number AAACB1234C')).toEqual([['AAACB1234C', 0.95]]); // a company, cued
    expect(found('Assessee AFZPK7190K')).toEqual([['AFZPK7190K', 0.6]]); // a person, uncued
    expect(found('PAN card ABCDE1234F')).toEqual([['ABCDE1234F', 0.6]]); // D is no status letter
  });
  it('does not report uncued organisations, codes, references or other shapes', () => {
    expect(found('Vendor AAACB1234C and code ABCDE1234F')).toEqual([]);
    expect(found('SKU ABCPE1234F')).toEqual([['ABCPE1234F', 0.2]]);
    expect(found('afzpk7190k, AFZPK71901K, AFZPK7190KX, XAFZPK7190K')).toEqual([]);
  });
});
