import { collectMatches, nearerCue } from './collect-matches.js';
import type { PiiSpan } from './types.js';

/**
 * Malaysian identity card numbers (MyKad, "IC number", "No. K/P"): YYMMDD-PB-###G, twelve digits
 * written "880101-14-5566", "880101 14 5566" or solid. The first six are the holder's date of
 * birth, PB the place of birth (a state code 01-16 or 21-59, a foreign-birth code 60-68, 71-72,
 * 74-79, 82-93, 98-99; 00, 17-20, 69-70, 73, 80-81 and 94-97 are not issued, per the National
 * Registration Department's code table), then a serial whose last digit is odd for men and even
 * for women (not checked: any digit is possible).
 *
 * Confidence:
 * - "IC", "I/C", "NRIC", "MyKad", "kad pengenalan", "K/P", "identity card" within 30 characters
 *   before: 0.95 in any form; 0.6 when the date or place code is impossible (mistyped or
 *   invented, but the writer still calls it an IC number);
 * - no such word: 0.85 for the dashed 6-2-4 form with a real date and an issued place code, a
 *   layout nothing else uses; spaced and solid twelve-digit runs are not reported (a reference, a
 *   long amount, an Aadhaar number);
 * - an order, invoice or other reference word before the dashed form instead: 0.2.
 */
const MYKAD = /(?<![\w+-])(?<!\d[ -])\d{6}([- ]?)\d{2}\1\d{4}(?!\w|[- ]\d)/g;
const MYKAD_CUE = /\b(?:ic|i\/c|nric|mykad|my kad|kad pengenalan|k\/p|kp|identity card|id card)\b/i;
const CONTEXT_WINDOW = 30;

/** True for a place-of-birth code the National Registration Department issues. */
function issuedPlaceCode(code: number): boolean {
  return (
    (code >= 1 && code <= 16) ||
    (code >= 21 && code <= 68) ||
    code === 71 ||
    code === 72 ||
    (code >= 74 && code <= 79) ||
    (code >= 82 && code <= 93) ||
    code >= 98
  );
}

function realDate(mm: number, dd: number): boolean {
  // The century is not written, so 29 February is allowed in any year.
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mm - 1];
}

/** True for a twelve-digit MyKad number (separators allowed) with a real birth date and an issued place code. */
export function isPlausibleMyKad(id: string): boolean {
  const digits = id.replace(/[- ]/g, '');
  if (!/^\d{12}$/.test(digits)) return false;
  return realDate(Number(digits.slice(2, 4)), Number(digits.slice(4, 6))) && issuedPlaceCode(Number(digits.slice(6, 8)));
}

export function findMyKads(text: string): PiiSpan[] {
  return collectMatches(text, MYKAD, 'my_mykad', (match) => {
    if (/^(\d)(?:[- ]?\1)*$/.test(match[0])) return null;
    const plausible = isPlausibleMyKad(match[0]);
    const cue = nearerCue(text, match.index, CONTEXT_WINDOW, MYKAD_CUE);
    if (cue === 'cue') return { confidence: plausible ? 0.95 : 0.6 };
    if (!plausible || match[1] !== '-') return null;
    return { confidence: cue === 'reference' ? 0.2 : 0.85 };
  });
}
