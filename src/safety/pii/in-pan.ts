import { collectMatches, nearerCue } from './collect-matches.js';
import type { PiiSpan } from './types.js';

/**
 * Indian Permanent Account Numbers (PAN, the income-tax number): five letters, four digits and a
 * letter, in capitals, "AFZPK7190K". The fourth letter is the holder's status: P a person, and C,
 * H, F, A, T, B, L, J, G, E for companies, Hindu undivided families, firms, associations, trusts,
 * bodies of individuals, local authorities, artificial juridical persons, government and LLPs.
 *
 * Confidence, by what comes before within 30 characters (the nearer word wins):
 * - "PAN", "permanent account number", "income tax": 0.95 with one of those status letters (any
 *   of them: a firm's PAN is often a sole proprietor's); 0.6 with another letter (mistyped or
 *   invented, but the writer still calls it a PAN);
 * - nothing: 0.6 for a person's PAN (P): the shape is rare outside PANs but alphanumeric product
 *   and licence codes can take it; other statuses are organisations, not people, and are not
 *   reported without the cue;
 * - an order, invoice or other reference word: 0.2.
 */
const PAN = /(?<![A-Za-z0-9])[A-Z]{3}([A-Z])[A-Z]\d{4}[A-Z](?![A-Za-z0-9])/g;
const STATUS_LETTERS = 'ABCEFGHJLPT';
const PAN_CUE = /\b(?:pan|permanent account (?:number|no)|income[- ]tax)\b/i;
const CONTEXT_WINDOW = 30;

export function findPans(text: string): PiiSpan[] {
  return collectMatches(text, PAN, 'in_pan', (match) => {
    const cue = nearerCue(text, match.index, CONTEXT_WINDOW, PAN_CUE);
    if (cue === 'cue') return { confidence: STATUS_LETTERS.includes(match[1]) ? 0.95 : 0.6 };
    if (match[1] !== 'P') return null;
    return { confidence: cue === 'reference' ? 0.2 : 0.6 };
  });
}
