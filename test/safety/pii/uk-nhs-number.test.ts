import { describe, expect, it } from 'vitest';
import { findNhsNumbers, isValidNhsNumber } from '../../../src/safety/pii/uk-nhs-number.js';

const found = (text: string) => findNhsNumbers(text).map((s) => [s.text, s.confidence]);

describe('isValidNhsNumber', () => {
  it('checks the modulus 11 digit', () => {
    // 9*10+4*9+3*8+4*7+7*6+6*5+5*4+9*3+1*2 = 299; 299 mod 11 = 2; 11 - 2 = 9.
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('4010232137')).toBe(true);
    expect(isValidNhsNumber('943 476 5918')).toBe(false);
    expect(isValidNhsNumber('0000000000')).toBe(false); // passes the sum, never issued
  });
});

describe('findNhsNumbers', () => {
  it('needs an NHS cue and rates by the check digit', () => {
    expect(found("The patient's NHS number is 943 476 5919.")).toEqual([['943 476 5919', 0.9]]);
    expect(found('NHS no. 4010232137 on the referral')).toEqual([['4010232137', 0.9]]);
    expect(found('CHI number 943-476-5919')).toEqual([['943-476-5919', 0.9]]);
    expect(found('NHS Number: 485 777 3456')).toEqual([['485 777 3456', 0.6]]);
  });
  it('ignores numbers without the cue, placeholders, references and other lengths', () => {
    expect(found('Call 943 476 5919 or account 4010232137')).toEqual([]);
    expect(found('NHS number 000 000 0000')).toEqual([]);
    expect(found('NHS waiting lists hit 7600000; ticket 943 476 5919')).toEqual([]);
    expect(found('NHS spend 94347659191 and 94 347 6591')).toEqual([]);
    expect(found('Chi 943 476 5919')).toEqual([]);
  });
});
