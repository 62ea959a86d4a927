import { collectMatches, nearerCue } from './collect-matches.js';
import type { PiiSpan } from './types.js';

/**
 * Indian Aadhaar numbers (UIDAI): twelve digits, the first 2-9, the last a Verhoeff check digit,
 * written "2341 2341 2346" (as printed on the card), "2341-2341-2346" or solid.
 *
 * Reported only with a cue within 40 characters before ("Aadhaar", the common spellings "Aadhar"
 * and "Adhaar", "UID", "UIDAI", "आधार"). Without one a twelve-digit run is not reported even when
 * its check digit fits: one random number in ten passes Verhoeff, and twelve digits in groups of
 * four are also reference, account and card-like numbers. With the cue:
 * - the first digit is 2-9 and the Verhoeff check passes: 0.9;
 * - either fails: 0.6 (mistyped or invented, which still reads as an Aadhaar number; generated data
 *   rarely computes the check). One repeated digit is a placeholder and is skipped.
 * A reference word nearer than the cue ("Aadhaar ... ticket 2341 2341 2346") drops it.
 */
const AADHAAR = /(?<![\w+-])(?<!\d[ -])\d{4}([- ]?)\d{4}\1\d{4}(?!\w|[- ]\d)/g;
const AADHAAR_CUE = /\b(?:aadhaar|aadhar|adhaar|adhar|uidai|uid)\b|आधार/i;
const CONTEXT_WINDOW = 40;

// Verhoeff's dihedral-group tables: D the multiplication of D5, P the position permutation.
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** The Verhoeff check over a digit string whose last digit is the check digit ("2363" passes). */
export function passesVerhoeff(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let c = 0;
  for (let i = 0; i < digits.length; i++) c = D[c][P[i % 8][digits.charCodeAt(digits.length - 1 - i) - 48]];
  return c === 0;
}

/** True for twelve digits (separators allowed), the first 2-9, that pass the Verhoeff check. */
export function isValidAadhaar(id: string): boolean {
  const digits = id.replace(/[- ]/g, '');
  return /^[2-9]\d{11}$/.test(digits) && passesVerhoeff(digits);
}

export function findAadhaars(text: string): PiiSpan[] {
  return collectMatches(text, AADHAAR, 'in_aadhaar', (match) => {
    const digits = match[0].replace(/[- ]/g, '');
    if (nearerCue(text, match.index, CONTEXT_WINDOW, AADHAAR_CUE) !== 'cue' || /^(\d)\1*$/.test(digits)) return null;
    return { confidence: isValidAadhaar(digits) ? 0.9 : 0.6 };
  });
}
