import { collectMatches, hasContextBefore } from './collect-matches.js';
import type { PiiSpan } from './types.js';

/**
 * Dates of birth: a calendar date within 40 characters after a birth word ("born", "DOB",
 * "D.O.B.", "date of birth", "birthday", "birth date"). A date alone is not personal data; next to
 * such a word it is one of the classic quasi-identifiers (Sweeney 2000: date of birth, sex and
 * postcode identify most people). Confidence 0.9.
 *
 * Date forms: 31/12/1990, 12-31-1990, 31.12.90 (day-month or month-day; the date must be valid one
 * way), 1990-12-31 (ISO 8601), "31 December 1990", "31st Dec, 1990", "December 31, 1990".
 */
const MONTHS = 'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
const DATE = new RegExp(
  [
    String.raw`(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-]*\d)`,
    String.raw`(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])`,
    String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${MONTHS})\.?,?\s+(\d{4})\b`,
    String.raw`\b(?:${MONTHS})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`,
  ].join('|'),
  'gi',
);
const BIRTH_WORDS = /\b(?:born|d\.?o\.?b\.?|date of birth|birth ?date|birthday|b'day)(?![a-z])/i;
const CONTEXT_WINDOW = 40;

export function findDatesOfBirth(text: string): PiiSpan[] {
  return collectMatches(text, DATE, 'date_of_birth', (match) => {
    if (!plausibleDate(match)) return null;
    return hasContextBefore(text, match.index, BIRTH_WORDS, CONTEXT_WINDOW) ? { confidence: 0.9 } : null;
  });
}

function plausibleDate(match: RegExpExecArray): boolean {
  const valid = (day: number, month: number) => month >= 1 && month <= 12 && day >= 1 && day <= 31;
  if (match[1] !== undefined) return valid(Number(match[1]), Number(match[2])) || valid(Number(match[2]), Number(match[1]));
  if (match[4] !== undefined) return valid(Number(match[6]), Number(match[5]));
  if (match[7] !== undefined) return valid(Number(match[7]), 1);
  return valid(Number(match[9]), 1);
}
