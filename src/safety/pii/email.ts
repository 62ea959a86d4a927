import { collectMatches, hasContextBefore } from './collect-matches.js';
import { resolveOverlaps } from './resolve-overlaps.js';
import type { PiiSpan } from './types.js';

/**
 * Email addresses.
 *
 * - Written plainly: the pragmatic subset of RFC 5322 that people actually write (dot-atom local
 *   part, dotted host names, a 2-24 letter top-level domain). Quoted local parts and IP-literal
 *   hosts are left out; they do not occur in prose. Confidence 0.95.
 * - Obfuscated against harvesters, with a bracketed "at" ("jane[at]gmail[dot]com", "jane (at)
 *   gmail.com", "jane {at} gmail (dot) com", "jane [@] gmail.com") or a spaced "@" ("jane @ gmail
 *   dot com"): the host must still have a dot, bracketed, spelled " dot " or written ".". Nobody
 *   writes "[at]" in a sentence, so 0.9.
 * - Spelled out, "jane at gmail dot com": both the " at " and at least one " dot " must be there
 *   between word-like parts, the last part must be a common top-level domain ("com", "org",
 *   "sg", ...), and no part may be a filler word ("the", "home", "work"), so "meet at home dot"
 *   and "looked at the dot com boom" are not addresses. Then 0.8 when an email word ("email",
 *   "e-mail", "mail", "contact", "write to", "reach") comes within 40 characters before, 0.7
 *   when the name part has a dot, underscore or digit ("jane.tan at ..."), and not reported
 *   otherwise.
 */
const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9_%+-](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])/g;

const PART = '[A-Za-z0-9](?:[A-Za-z0-9_%+-]{0,62}[A-Za-z0-9])?';
const OPEN = String.raw`[\[({<]`;
const CLOSE = String.raw`[\])}>]`;
const BRACKET_AT = String.raw`(?:\s*${OPEN}\s*(?:at|AT|At|@)\s*${CLOSE}\s*|\s+@\s+)`;
const BRACKET_DOT = String.raw`(?:\s*${OPEN}\s*(?:dot|DOT|Dot|\.)\s*${CLOSE}\s*|\s+(?:dot|DOT)\s+|\.)`;
const SPELLED_DOT = String.raw`\s+(?:dot|DOT)\s+`;
// Repeats are bounded (four name parts, six host labels): unbounded ones backtrack quadratically
// over long runs of "x dot x dot ...".
const OBFUSCATED = new RegExp(
  String.raw`(?<![\w.%+-])${PART}(?:${BRACKET_DOT}${PART}){0,3}${BRACKET_AT}${PART}(?:${BRACKET_DOT}${PART}){0,4}${BRACKET_DOT}[A-Za-z]{2,24}(?![\w-])`,
  'g',
);
const SPELLED = new RegExp(
  String.raw`(?<![\w.%+-])(${PART}(?:(?:${SPELLED_DOT}|\.)${PART}){0,3})\s+(?:at|AT)\s+(${PART}(?:${SPELLED_DOT}${PART}){0,4})${SPELLED_DOT}([A-Za-z]{2,6})(?![\w-])`,
  'g',
);
const COMMON_TLDS = new Set(
  'com net org edu gov mil int info biz io co me ai app dev uk sg my in au nz ca us de fr nl es it ie be ch at se no dk fi pl pt jp cn hk tw kr id ph th vn eu'.split(
    ' ',
  ),
);
const FILLER_WORDS = new Set(
  'a an the my your our their his her its this that these those it them me you him us home work school night noon least most all once first last dot at and or to of in on for with'.split(
    ' ',
  ),
);
const EMAIL_CUE = /\b(?:e-?mail(?:ed|ing)?|mail|contact|write to|reach|inbox)\b/i;
const CONTEXT_WINDOW = 40;

export function findEmails(text: string): PiiSpan[] {
  const plain = collectMatches(text, EMAIL, 'email', () => ({ confidence: 0.95 }));
  const obfuscated = collectMatches(text, OBFUSCATED, 'email', () => ({ confidence: 0.9 }));
  const spelled = collectMatches(text, SPELLED, 'email', (match) => {
    const parts = `${match[1]} ${match[2]}`.split(/\s+dot\s+|\.|\s+/i);
    if (!COMMON_TLDS.has(match[3].toLowerCase()) || parts.some((p) => FILLER_WORDS.has(p.toLowerCase()))) return null;
    if (hasContextBefore(text, match.index, EMAIL_CUE, CONTEXT_WINDOW)) return { confidence: 0.8 };
    return /[._\d]/.test(match[1]) ? { confidence: 0.7 } : null;
  });
  return resolveOverlaps([...plain, ...obfuscated, ...spelled]);
}
