import { describe, expect, it } from 'vitest';
import { findAadhaars, isValidAadhaar, passesVerhoeff } from '../../../src/safety/pii/in-aadhaar.js';

const found = (text: string) => findAadhaars(text).map((s) => [s.text, s.confidence]);

describe('Verhoeff and Aadhaar validation', () => {
  it('matches known vectors', () => {
    expect(passesVerhoeff('2363')).toBe(true); // the textbook example: 236 -> check digit 3
    expect(passesVerhoeff('2364')).toBe(false);
    expect(isValidAadhaar('2341 2341 2346')).toBe(true);
    expect(isValidAadhaar('2341 2341 2345')).toBe(false);
    expect(isValidAadhaar('1341 2341 2346')).toBe(false); // the first digit is 2-9
  });
});

describe('findAadhaars', () => {
  it('needs an Aadhaar cue and rates by the check digit', () => {
    expect(found('Aadhaar number 2341 2341 2346 is linked')).toEqual([['2341 2341 2346', 0.9]]);
    expect(found('My aadhar is 498712345679.')).toEqual([['498712345679', 0.9]]);
    expect(found('UID: 7345-6789-0125')).toEqual([['7345-6789-0125', 0.9]]);
    expect(found('आधार संख्या 2341 2341 2346')).toEqual([['2341 2341 2346', 0.9]]);
    expect(found('Aadhaar: 2341 2341 2345')).toEqual([['2341 2341 2345', 0.6]]);
  });
  it('ignores uncued twelve-digit runs, placeholders, references and other lengths', () => {
    expect(found('Reference 2341 2341 2346 was quoted')).toEqual([]);
    expect(found('Aadhaar 0000 0000 0000')).toEqual([]);
    expect(found('Aadhaar pending; ticket 2341 2341 2346')).toEqual([]);
    expect(found('Aadhaar 2341 2341 2346 1234 and 23412341234')).toEqual([]);
  });
});
