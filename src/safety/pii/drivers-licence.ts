import { CUE_FILLER, collectMatches, nearerCue } from './collect-matches.js';
import type { PiiSpan } from './types.js';

/**
 * Driving licence numbers.
 *
 * - After a licence cue ("driver's licence", "driver license", "driving licence", "DL", "D/L")
 *   directly followed by the number (at most "number", "no.", ":", "#", "is" between): one to five
 *   groups of letters and digits, 5 to 20 characters in all with at least four digits, which
 *   covers US state formats ("D1234567", "123 456 789", "S123-456-78-901-0"), UK, Irish and EU
 *   card numbers and India's "MH12 20110012345". Formats differ by issuer and carry no public
 *   check, so the cue is what makes it a licence: 0.85.
 * - The UK (DVLA) 16-character number without a cue, "MORGA657054SM9IJ" (also written in three
 *   groups): five letters of the surname (padded with 9s), the birth decade digit, the birth month
 *   (plus 50 for women), the day, the year digit, two initials, a digit and two check letters.
 *   The month and day must be real: 0.7; after an order or other reference word, 0.2.
 *
 * Singapore and Malaysian licences carry the holder's NRIC or MyKad number, which those
 * recognizers find.
 */
const CUE = String.raw`\b(?:driver(?:['’]?s)?['’]? licen[cs]es?|driving licen[cs]es?|DL|D\/L)\b`;
const CUED = new RegExp(String.raw`${CUE}${CUE_FILLER}([A-Z0-9]{1,16}(?:[ -][A-Z0-9]*\d[A-Z0-9]*){0,4})(?![A-Za-z0-9])`, 'gid');
const UK_LICENCE = /(?<![A-Za-z0-9])[A-Z][A-Z9]{4} ?\d(?:[05][1-9]|[16][0-2])(?:0[1-9]|[12]\d|3[01])\d ?[A-Z9]{2}\d[A-Z]{2}(?![A-Za-z0-9])/g;
const LICENCE_WORDS = new RegExp(CUE, 'i');
const CONTEXT_WINDOW = 30;

export function findDriversLicences(text: string): PiiSpan[] {
  const cued = collectMatches(text, CUED, 'drivers_licence', (match) => {
    const value = match[1];
    const compact = value.replace(/[ -]/g, '');
    if (compact.length < 5 || compact.length > 20 || (compact.match(/\d/g)?.length ?? 0) < 4) return null;
    const [start, end] = match.indices![1]!;
    return { start, end, confidence: 0.85 };
  });
  const uk = collectMatches(text, UK_LICENCE, 'drivers_licence', (match) => {
    if (cued.some((c) => c.start <= match.index && match.index < c.end)) return null;
    return { confidence: nearerCue(text, match.index, CONTEXT_WINDOW, LICENCE_WORDS) === 'reference' ? 0.2 : 0.7 };
  });
  return [...cued, ...uk].sort((a, b) => a.start - b.start);
}
