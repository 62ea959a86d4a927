import { collectMatches } from './collect-matches.js';
import type { PiiSpan } from './types.js';

/**
 * Payment card numbers (ISO/IEC 7812): 13 to 19 digits, written solid or in groups of four (or
 * Amex's 4-6-5) separated by one space or hyphen, and passing the Luhn check (ISO/IEC 7812-1,
 * Annex B). A number whose prefix belongs to a major scheme (Visa, Mastercard, Amex, Discover,
 * JCB, Diners, UnionPay) gets confidence 0.9; other Luhn-valid numbers 0.6, since one in ten
 * random digit strings passes Luhn. Groups that continue a longer grouped number (a parcel
 * tracking number "9400 1000 0000 0000 0000 00") are not matched, and neither is one repeated
 * digit ("0000 0000 0000 0000" passes Luhn but is a placeholder).
 */
const CARD = /(?<![\d+])(?<!\d{4}[ -])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{4,5})(?!\d|[ -]\d)/g;
const KNOWN_SCHEME = /^(?:4|5[1-5]|2(?:2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)|3[47]|6011|65|64[4-9]|35(?:2[89]|[3-8]\d)|3(?:0[0-5]|[68])|62)/;

/** The Luhn check over a digit string (separators must already be removed). */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function findCreditCards(text: string): PiiSpan[] {
  return collectMatches(text, CARD, 'credit_card', (match) => {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length < 13 || digits.length > 19 || /^(\d)\1*$/.test(digits) || !passesLuhn(digits)) return null;
    return { confidence: KNOWN_SCHEME.test(digits) ? 0.9 : 0.6 };
  });
}
