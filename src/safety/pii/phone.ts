import { collectMatches, hasContextBefore } from './collect-matches.js';
import { resolveOverlaps } from './resolve-overlaps.js';
import type { PiiSpan } from './types.js';

/**
 * Phone numbers.
 *
 * - International numbers in E.164 form (ITU-T E.164): "+", a country code, up to 15 digits in
 *   all, optionally grouped by spaces or hyphens, with an optional parenthesised area code.
 *   Confidence 0.9.
 * - Singapore numbers (IMDA National Numbering Plan): eight digits starting 3 (VoIP), 6 (fixed
 *   line), 8 or 9 (mobile), written solid or 4+4 with a space or hyphen, optionally after +65,
 *   (65) or (+65). With the country prefix, confidence 0.95; without it, eight digits could be
 *   anything (an amount, an order number), so 0.5, raised to 0.85 when a word such as "phone",
 *   "call", "mobile", "HP" or "WhatsApp" comes within 30 characters before.
 *
 * Digit runs that continue into more digits (card numbers, long IDs) are not matched.
 */
const INTERNATIONAL = /(?<![\w+])\+[1-9]\d{0,2}(?:[ -]?\(\d{1,4}\))?(?:[ -]?\d){6,13}(?!\d|[ -]\d)/g;
const SINGAPORE = /(?<![\w+]|\d[ -])(?:(?:\+65|\(\+?65\))[ -]?)?[3689]\d{3}[ -]?\d{4}(?!\d|[ -]\d)/g;
const PHONE_CONTEXT = /\b(?:phone|tel|telephone|mobile|hp|h\/p|call|contact|whatsapp|sms|text|fax|number|no\.)\b/i;
const CONTEXT_WINDOW = 30;

export function findPhones(text: string): PiiSpan[] {
  const international = collectMatches(text, INTERNATIONAL, 'phone', (match) => {
    const digits = match[0].replace(/\D/g, '').length;
    return digits >= 8 && digits <= 15 ? { confidence: 0.9 } : null;
  });
  const singapore = collectMatches(text, SINGAPORE, 'phone', (match) => {
    if (/^(?:\+65|\(\+?65\))/.test(match[0])) return { confidence: 0.95 };
    return { confidence: hasContextBefore(text, match.index, PHONE_CONTEXT, CONTEXT_WINDOW) ? 0.85 : 0.5 };
  });
  return resolveOverlaps([...international, ...singapore]);
}
