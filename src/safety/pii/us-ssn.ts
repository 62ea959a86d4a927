import { collectMatches, nearerCue } from './collect-matches.js';
import type { PiiSpan } from './types.js';

/**
 * US Social Security numbers: area, group and serial, "123-45-6789", "123 45 6789" or
 * "123456789".
 *
 * Only numbers the SSA could have issued are reported (SSA rules, including randomization since
 * 2011): the area is not 000, 666 or 900-999 (900-999 are ITINs and advertising numbers), the
 * group is not 00, the serial is not 0000; two numbers voided after publication (078-05-1120,
 * 219-09-9999) are skipped.
 *
 * Confidence, by what comes before within 30 characters (the nearer word wins):
 * - "SSN", "SS#", "social security", "SOSI": 0.95, in any of the three forms; 0.6 when the number
 *   breaks the rules above, since the writer still calls it an SSN (mistyped, invented, or an ITIN
 *   written where an SSN was asked for) and it reads as one to whoever sees the text;
 * - nothing: 0.7 for the dashed 3-2-4 form, which is how SSNs are printed and no phone or date
 *   format uses; the spaced and solid forms are not reported (nine digits alone are anything);
 * - an order, invoice, ticket or other reference word: 0.2, below the 0.5 that reports and
 *   redaction count.
 * One repeated digit ("000-00-0000", "111-11-1111") is a placeholder and is never reported.
 */
const SSN = /(?<![\w+-])(?<!\d[ -])(\d{3})([- ]?)(\d{2})\2(\d{4})(?!\w|[- ]\d)/g;
const SSN_CUE = /\b(?:ssns?|ss#|ss no|social security|soc\.? sec\.?|sosi)/i;
const VOIDED = new Set(['078051120', '219099999']);
const CONTEXT_WINDOW = 30;

/** True when area, group and serial are ones the SSA issues (see the module comment). */
export function isPossibleSsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || VOIDED.has(digits)) return false;
  const area = digits.slice(0, 3);
  return area !== '000' && area !== '666' && area[0] !== '9' && digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}

export function findSsns(text: string): PiiSpan[] {
  return collectMatches(text, SSN, 'us_ssn', (match) => {
    const digits = match[1] + match[3] + match[4];
    if (/^(\d)\1{8}$/.test(digits)) return null;
    const possible = isPossibleSsn(digits);
    const cue = nearerCue(text, match.index, CONTEXT_WINDOW, SSN_CUE);
    if (cue === 'cue') return { confidence: possible ? 0.95 : 0.6 };
    if (!possible || match[2] !== '-') return null;
    return { confidence: cue === 'reference' ? 0.2 : 0.7 };
  });
}
