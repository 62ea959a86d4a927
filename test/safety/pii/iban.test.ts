import { describe, expect, it } from 'vitest';
import { findIbans, isValidIban, passesIbanChecksum } from '../../../src/safety/pii/iban.js';

const texts = (text: string) => findIbans(text).map((s) => s.text);

describe('IBAN validation', () => {
  it('checks mod-97 and the country length', () => {
    // GB82 WEST 1234 5698 7654 32: WEST12345698765432GB82 -> digits mod 97 = 1.
    expect(passesIbanChecksum('GB82WEST12345698765432')).toBe(true);
    expect(passesIbanChecksum('GB83WEST12345698765432')).toBe(false);
    expect(isValidIban('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(isValidIban('de89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('NO9386011117947')).toBe(true); // the shortest, 15
    expect(isValidIban('GB82WEST1234569876543')).toBe(false); // 21 characters, GB is 22
    expect(isValidIban('XX82WEST12345698765432')).toBe(false); // no such country
  });
});

describe('findIbans', () => {
  it('finds grouped and solid IBANs with their offsets', () => {
    const text = 'My IBAN is GB82 WEST 1234 5698 7654 32 and the old one NL91ABNA0417164300.';
    expect(findIbans(text).map((s) => [s.text, s.start, s.confidence])).toEqual([
      ['GB82 WEST 1234 5698 7654 32', 11, 0.95],
      ['NL91ABNA0417164300', 55, 0.95],
    ]);
    expect(texts('Pay FR14 2004 1010 0505 0001 3M02 606 or MT84MALT011000012345MTLCAST001S.')).toEqual([
      'FR14 2004 1010 0505 0001 3M02 606',
      'MT84MALT011000012345MTLCAST001S',
    ]);
  });
  it('cuts a candidate at the country length and finds an IBAN after a failed candidate', () => {
    // BE is 16 characters: the group after it is another number.
    expect(texts('IBAN BE68 5390 0754 7034 1234 extra')).toEqual(['BE68 5390 0754 7034']);
    expect(texts('IBAN DE89 3704 0044 0532 0130 00 1234 extra')).toEqual(['DE89 3704 0044 0532 0130 00']);
    // A longer solid run, or a group running past the country length, is some other number.
    expect(texts('DE89370400440532013000123 and DE89 3704 0044 0532 0130 0012 34')).toEqual([]);
    expect(texts('ref AB12 GB82 WEST 1234 5698 7654 32')).toEqual(['GB82 WEST 1234 5698 7654 32']);
  });
  it('ignores wrong check digits, wrong lengths, codes and words', () => {
    expect(texts('GB82 WEST 1234 5698 7654 33')).toEqual([]);
    expect(texts('GB12 ABCD 1234 5678 9012 34')).toEqual([]);
    expect(texts('Order AB12345678 and SKU DE1234567, flight SQ12 3456 7890')).toEqual([]);
    expect(texts('at12 this that with some more')).toEqual([]);
    expect(texts('Total 1234 5678 9012 3456 paid')).toEqual([]);
  });
});
