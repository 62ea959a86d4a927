import { collectMatches, nearerCue } from './collect-matches.js';
import type { PiiSpan } from './types.js';

/**
 * NHS numbers (England, Wales and the Isle of Man): ten digits, written "943 476 5919" (the NHS
 * 3-3-4 display format), "943-476-5919" or solid, the last a modulus 11 check digit (weights 10
 * down to 2 on the first nine digits; the check digit is 11 minus the remainder of the sum by 11,
 * 11 becoming 0; a result of 10 means the number is never issued). Numbers of one repeated digit
 * pass the check but are not issued, so they are skipped.
 *
 * Scotland's CHI number and Northern Ireland's Health and Care number are ten digits with the
 * same check, so they are reported as this type too.
 *
 * Reported only with "NHS", "CHI" or "H&C" / "health and care number" within 40 characters before
 * ("NHS number", "NHS no.", "my NHS number is"): without one, one ten-digit number in eleven passes
 * the check, and ten digits in 3-3-4 groups are also North American phone numbers. With the cue:
 * - the check digit is right: 0.9;
 * - it is wrong: 0.6. The writer says it is an NHS number, and a mistyped or invented one (test
 *   and generated data rarely compute the check) still reads as one, so it is reported, below a
 *   verified one. One repeated digit ("000 000 0000") is a placeholder and is skipped.
 * A reference word nearer than the cue drops it.
 */
const NHS = /(?<![\w+-])(?<!\d[ -])\d{3}([- ]?)\d{3}\1\d{4}(?!\w|[- ]\d)/g;
// "CHI" in capitals only: "Chi" is a given name.
const NHS_CUE = /\b(?:[Nn][Hh][Ss]|CHI|H&C|[Hh]ealth and [Cc]are (?:number|no))\b/;
const CONTEXT_WINDOW = 40;

/** True for ten digits (separators allowed) whose modulus 11 check digit is right. */
export function isValidNhsNumber(id: string): boolean {
  const digits = id.replace(/[- ]/g, '');
  if (!/^\d{10}$/.test(digits) || /^(\d)\1{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(digits[9]);
}

export function findNhsNumbers(text: string): PiiSpan[] {
  return collectMatches(text, NHS, 'uk_nhs_number', (match) => {
    if (nearerCue(text, match.index, CONTEXT_WINDOW, NHS_CUE) !== 'cue' || /^(\d)(?:[- ]?\1)*$/.test(match[0])) return null;
    return { confidence: isValidNhsNumber(match[0]) ? 0.9 : 0.6 };
  });
}
