import { collectMatches } from './collect-matches.js';
import type { PiiSpan } from './types.js';

/**
 * Singapore NRIC and FIN numbers: a prefix letter, seven digits and a check letter.
 * Prefixes: S and T (citizens and permanent residents born before / from 2000), F and G
 * (foreigners, issued before / from 2000), M (foreigners, from 2022).
 *
 * Check letter (the publicly documented ICA algorithm): weigh the digits by 2, 7, 6, 5, 4, 3, 2 and
 * sum; add 4 for T and G, 3 for M; take the remainder r of division by 11; the letter is
 * ST[r] for S/T, FG[r] for F/G, M[r] for M. Worked example: S1234567 gives
 * 1*2 + 2*7 + 3*6 + 4*5 + 5*4 + 6*3 + 7*2 = 106, r = 106 mod 11 = 7, ST[7] = D, so S1234567D.
 *
 * Only numbers whose check letter is right are reported: a wrong letter is not a real identity
 * number, and counting it would flood reports with invented IDs.
 */
const WEIGHTS = [2, 7, 6, 5, 4, 3, 2];
const CHECK_LETTERS: Record<string, string> = {
  S: 'JZIHGFEDCBA',
  T: 'JZIHGFEDCBA',
  F: 'XWUTRQPNMLK',
  G: 'XWUTRQPNMLK',
  M: 'XWUTRQPNJLK',
};
const OFFSETS: Record<string, number> = { S: 0, T: 4, F: 0, G: 4, M: 3 };

const NRIC = /(?<![A-Za-z0-9])[STFGMstfgm]\d{7}[A-Za-z](?![A-Za-z0-9])/g;

/** The check letter for a prefix and seven digits, e.g. nricCheckLetter("S", "1234567") === "D". */
export function nricCheckLetter(prefix: string, digits: string): string {
  const upper = prefix.toUpperCase();
  if (!(upper in CHECK_LETTERS) || !/^\d{7}$/.test(digits)) {
    throw new RangeError(`nricCheckLetter: expected a prefix S/T/F/G/M and seven digits, got "${prefix}" and "${digits}"`);
  }
  let sum = OFFSETS[upper];
  for (let i = 0; i < 7; i++) sum += Number(digits[i]) * WEIGHTS[i];
  return CHECK_LETTERS[upper][sum % 11];
}

/** True for a well-formed NRIC/FIN (case-insensitive) whose check letter is right. */
export function isValidNric(id: string): boolean {
  if (!/^[STFGM]\d{7}[A-Z]$/i.test(id)) return false;
  return nricCheckLetter(id[0], id.slice(1, 8)) === id[8].toUpperCase();
}

export function findNrics(text: string): PiiSpan[] {
  return collectMatches(text, NRIC, 'nric', (match) => (isValidNric(match[0]) ? { confidence: 0.95 } : null));
}
