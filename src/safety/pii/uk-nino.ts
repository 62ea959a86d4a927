import { collectMatches, nearerCue } from './collect-matches.js';
import type { PiiSpan } from './types.js';

/**
 * UK National Insurance numbers: a two-letter prefix, six digits and a suffix letter A-D, written
 * "AB123456C", "AB 12 34 56 C" or "AB 123456 C" (capitals). Only prefixes HMRC allocates are
 * reported: the first letter is not D, F, I, Q, U or V, the second not D, F, I, O, Q, U or V, and
 * BG, GB, KN, NK, NT, TN and ZZ are not used (HMRC National Insurance Manual NIM39110).
 *
 * Confidence, by what comes before within 30 characters (the nearer word wins):
 * - "National Insurance", "NI number", "NI no", "NINO", "NI:": 0.95, with or without the suffix
 *   (people often leave it off); 0.6 when the prefix is not one HMRC allocates (such as HMRC's
 *   own specimen "QQ 12 34 56 C"): the writer still calls it an NI number;
 * - nothing: 0.75 with the suffix: the letter-digit-letter shape with a valid prefix and an A-D
 *   suffix is rare outside NI numbers, but product and stock codes can take it; without the
 *   suffix, two letters and six digits are too common a code shape to report;
 * - an order, invoice or other reference word: 0.2.
 */
const NINO = /(?<![A-Za-z0-9])([A-Z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2})(?: ?([A-D]))?(?![A-Za-z0-9])/g;
const ALLOCATED_LETTERS = /^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]$/;
const NOT_ALLOCATED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const NINO_CUE = /\b(?:national insurance|nat\.? ?ins\b|ni (?:number|no)\b|nino\b|nin\b|ni\s*[:#])/i;
const CONTEXT_WINDOW = 30;

/** True for a NINO (spaces allowed) with an allocated prefix and, when present, an A-D suffix. */
export function isValidNino(id: string): boolean {
  const compact = id.replace(/ /g, '');
  const match = /^([A-Z]{2})\d{6}[A-D]?$/.exec(compact);
  return match !== null && allocatedPrefix(match[1]);
}

function allocatedPrefix(prefix: string): boolean {
  return ALLOCATED_LETTERS.test(prefix) && !NOT_ALLOCATED.has(prefix);
}

export function findNinos(text: string): PiiSpan[] {
  return collectMatches(text, NINO, 'uk_nino', (match) => {
    const allocated = allocatedPrefix(match[1]);
    // Mixed spacing ("AB12 3456C") is not a way NI numbers are written.
    const gaps = match[0].slice(2).match(/ /g)?.length ?? 0;
    if (gaps !== 0 && !/^[A-Z]{2} (?:\d{2} \d{2} \d{2}|\d{6})(?: [A-D])?$/.test(match[0])) return null;
    const cue = nearerCue(text, match.index, CONTEXT_WINDOW, NINO_CUE);
    if (cue === 'cue') return { confidence: allocated ? 0.95 : 0.6 };
    if (!allocated || match[5] === undefined) return null;
    return { confidence: cue === 'reference' ? 0.2 : 0.75 };
  });
}
