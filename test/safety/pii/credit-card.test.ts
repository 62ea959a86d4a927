import { describe, expect, it } from 'vitest';
import { findCreditCards, passesLuhn } from '../../../src/safety/pii/credit-card.js';

describe('passesLuhn', () => {
  it('accepts and rejects known vectors', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('5555555555554444')).toBe(true);
    expect(passesLuhn('378282246310005')).toBe(true);
    expect(passesLuhn('79927398713')).toBe(true); // the classic example from ISO/IEC 7812 write-ups
    expect(passesLuhn('79927398710')).toBe(false);
    expect(passesLuhn('4111-1111')).toBe(false);
  });
});

describe('findCreditCards', () => {
  it('finds grouped and solid numbers that pass Luhn', () => {
    const text = 'Visa 4111 1111 1111 1111, bad 4111 1111 1111 1112, MC 5555-5555-5555-4444, Amex 3782 822463 10005, raw 4012888888881881.';
    expect(findCreditCards(text).map((s) => s.text)).toEqual(['4111 1111 1111 1111', '5555-5555-5555-4444', '3782 822463 10005', '4012888888881881']);
    expect(findCreditCards(text)[0].confidence).toBe(0.9);
  });
  it('gives lower confidence outside the major schemes and ignores mixed separators', () => {
    // 1234567812345670 passes Luhn but has no major scheme prefix.
    expect(findCreditCards('number 1234567812345670')[0].confidence).toBe(0.6);
    expect(findCreditCards('4111 1111-1111 1111')).toEqual([]);
  });
  it('ignores groups inside a longer grouped number and placeholders of one digit', () => {
    expect(findCreditCards('Tracking number 9400 1000 0000 0000 0000 00')).toEqual([]);
    expect(findCreditCards('card 0000 0000 0000 0000')).toEqual([]);
  });
});
