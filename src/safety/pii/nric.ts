import { collectMatches, hasContextBefore } from './collect-matches.js';
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
 * Confidence:
 * - the check letter is right: 0.95, wherever the number stands;
 * - the check letter is wrong but "NRIC", "IC", "I/C", "FIN" or "identity card" comes within 30
 *   characters before ("my NRIC is S8823471J"): 0.7. The writer says it is an identity number, and
 *   a mistyped or invented one still reads as one to whoever sees the text (and synthetic data is
 *   full of invented ones), so it is reported, but below a verified one;
 * - a wrong check letter with no such word is not reported: product codes and references take
 *   the same shape, and counting them would flood reports.
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
const NRIC_CUE = /\b(?:nric|ic|i\/c|fin|identity card|ic no)\b/i;
const CONTEXT_WINDOW = 30;

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
  return collectMatches(text, NRIC, 'nric', (match) => {
    if (isValidNric(match[0])) return { confidence: 0.95 };
    return hasContextBefore(text, match.index, NRIC_CUE, CONTEXT_WINDOW) ? { confidence: 0.7 } : null;
  });
}
