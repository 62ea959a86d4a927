import { type CountryCode, findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { PiiSpan } from './types.js';

/**
 * Phone numbers, found and validated by libphonenumber-js (Google's libphonenumber metadata, the
 * "max" set, which knows every region's number ranges, so "+44 20 7946 0958" is valid and
 * "+44 12 3456" is not).
 *
 * - International numbers ("+" or the "00" international prefix, then a country code): every
 *   region. Valid ones get confidence 0.95; ones of a possible length for their country code but
 *   outside the ranges in use (or in ranges kept for fiction) 0.7.
 * - National numbers (no country code) are ambiguous, so they are parsed against a list of home
 *   regions (default {@link DEFAULT_PHONE_REGIONS}, Singapore first) and rated by what surrounds
 *   them:
 *   - a phone word within 30 characters before ("phone", "call", "mobile", "HP", "WhatsApp",
 *     "tel", "fax"): 0.85;
 *   - letters glued to the number by a hyphen or slash ("APP-2024-123456", "SG-9123-4567"): 0.2,
 *     an ID code, unless the letters are a phone word ("HP-9123 4567");
 *   - a reference word instead ("order", "invoice", "ref", "account", "ticket", "tracking",
 *     "booking", "case", "receipt", "transaction", "serial", "policy", "claim", "ISBN") or an
 *     identity-number word ("SSN", "NHS", "NRIC", "IC", "Aadhaar", "passport", "licence"): 0.2,
 *     below the 0.5 that reports and redaction count, because an order number shaped like a phone
 *     is an order number, and "NHS number 485 777 3456" is an NHS number even when its check digit
 *     is wrong;
 *   - neither: a Singapore number (8 digits starting 3, 6, 8 or 9, IMDA numbering plan) 0.5; another
 *     region's number written with its trunk prefix and separators ("020 7946 0958", "(415)
 *     555-2671") 0.6; the same written as one solid digit run is not reported (an amount, a code),
 *     nor is a decimal number ("1.290270", "103.851959": digits, one point, digits).
 *
 * Digit runs inside longer runs (card numbers, long IDs) are not matched (libphonenumber's own
 * boundary rules). Dates are never phone numbers: a run shaped as a calendar date with a four-digit
 * year ("1990-07-04", "04.07.1990", "12-31-2023", "15/03/2024") is masked out before the search,
 * since several regions' numbering plans accept eight digits in those groupings.
 */
export const DEFAULT_PHONE_REGIONS: readonly CountryCode[] = ['SG', 'US', 'GB', 'DE', 'FR', 'NL', 'IT', 'ES', 'IE', 'BE', 'CH', 'AT', 'AU', 'IN', 'MY'];

const PHONE_CONTEXT = /\b(?:phone|tel|telephone|mobile|cell|hp|h\/p|call|ring|contact|whatsapp|sms|text|fax|reach)\b/i;
const REFERENCE_CONTEXT =
  /\b(?:order|orders|invoice|inv|ref|reference|account|acct|a\/c|ticket|tracking|booking|case|receipt|transaction|txn|serial|s\/n|policy|claim|parcel|shipment|po|sku|batch|lot|id|isbn|issn|ssn|social security|nhs|nric|fin|ic|mykad|aadhaar|aadhar|passport|licen[cs]e|nino|iban)\b/i;
const CONTEXT_WINDOW = 30;
/** A run of digits and the separators people write in numbers, with a leading "+", "(" or "(+". */
const CANDIDATE = /(?<![\w+])[+(]{0,2}\d[\d \t().\-/+]*\d\)?/g;
const E164_SHAPED = /(?<![\w+])\+[1-9]\d{0,2}(?:[ -]?\(\d{1,4}\))?(?:[ -]?\d){6,13}(?!\d|[ -]\d)/g;
/** A candidate must hold at least this many digits (shorter runs are service codes, not personal numbers). */
const MIN_DIGITS = 7;
/** Cheap pre-check: libphonenumber is only asked about texts holding a digit run of phone length. */
const PHONE_SHAPED = /\d(?:[\s().-]{0,2}\d){6,}/;
/** A calendar date with a four-digit year, year first or last, one separator throughout. */
const DATE_SHAPED = /(?<![\d./-])(?:(?:19|20)\d\d([-./])(\d{1,2})\1(\d{1,2})|(\d{1,2})([-./])(\d{1,2})\5(?:19|20)\d\d)(?!\d|[-./]\d)/g;

export interface PhoneOptions {
  /** Regions whose national formats are recognised without a country code; default DEFAULT_PHONE_REGIONS. */
  regions?: readonly CountryCode[];
}

export function findPhones(text: string, options: PhoneOptions = {}): PiiSpan[] {
  if (!PHONE_SHAPED.test(text)) return [];
  const regions = options.regions ?? DEFAULT_PHONE_REGIONS;
  // "0044 20 ..." is "+44 20 ...": rewrite the international prefix in place (same length) so the
  // library sees a country code and the spans still index the original text.
  // Commas and semicolons end a number; libphonenumber's text finder would read "555-2671, 020" as one.
  // Dates are masked (digits to "x", same length) so that no window holds one.
  const normalized = text
    .replace(DATE_SHAPED, (date, _s1, a, b, c, _s2, d) => (calendarDate(Number(a ?? c), Number(b ?? d)) ? date.replace(/\d/g, 'x') : date))
    .replace(/(?<![\d+])00(?=[ -]?[1-9])/g, ' +')
    .replace(/[,;]/g, '\n');
  const found = new Map<string, PiiSpan>();
  // libphonenumber reads only the digit runs (a window each), not the whole text once per region:
  // the cost then grows with the numbers in a text, not with its length times the regions.
  const windows = [...normalized.matchAll(CANDIDATE)].filter((w) => w[0].replace(/\D/g, '').length >= MIN_DIGITS);
  for (const window of windows) {
    const offset = window.index;
    // A number with its country code reads the same under any region: one pass is enough.
    const tryRegions = /^\s*\(?\+/.test(window[0]) ? regions.slice(0, 1) : regions;
    for (const region of tryRegions) {
      // Once one region reads the whole window as a number, the others cannot add to it.
      if (found.has(`${offset}:${offset + window[0].length}`)) break;
      for (const found_ of findPhoneNumbersInText(window[0], { defaultCountry: region })) {
        const match = { startsAt: found_.startsAt + offset, endsAt: found_.endsAt + offset, number: found_.number };
        const key = `${match.startsAt}:${match.endsAt}`;
        if (found.has(key)) continue;
        let start = match.startsAt;
        const end = match.endsAt;
        if (normalized[start] === '+' && normalized[start - 1] === ' ' && text.slice(start - 1, start + 1) === '00') start -= 1;
        const raw = text.slice(start, end);
        // Only digits and the separators people write in numbers; a comma ends a number.
        if (!/^[+(]*[\d\s().\-/+]+$/.test(raw)) continue;
        const digits = raw.replace(/\D/g, '').length;
        const international = /^\(?(?:\+|00)/.test(raw);
        // A national number is at most 11 digits with its trunk prefix; a longer solid run read as
        // "country code + number" without a "+" is an ID.
        if (digits < MIN_DIGITS || (!international && digits > 11)) continue;
        const confidence = international ? 0.95 : nationalConfidence(text, start, raw, match.number.country === 'SG');
        if (confidence === 0) continue;
        found.set(key, { type: 'phone', start, end, text: raw, confidence });
      }
    }
  }
  // "+" numbers of the right length for their country that fall outside the ranges in use (or in
  // ranges reserved for fiction, such as UK 07700 900xxx) are still written as phone numbers: 0.7.
  for (const match of normalized.matchAll(E164_SHAPED)) {
    const raw = match[0];
    const possible = parsePhoneNumberFromString(raw.replace(/^\s\+/, '+').trim())?.isPossible() ?? false;
    const at = match.index;
    const key = `${at}:${at + raw.length}`;
    const start = text.slice(at - 1, at + 1) === '00' ? at - 1 : at;
    if (possible && !found.has(key))
      found.set(key, { type: 'phone', start, end: match.index + raw.length, text: text.slice(start, match.index + raw.length), confidence: 0.7 });
  }
  return dropOverlaps([...found.values()]);
}

/** Letters joined to the number by a hyphen or slash ("APP-2024-123456", "SG-9123-4567"): an ID code. */
const GLUED_TO_WORD = /([A-Za-z]+)[-/]$/;

function nationalConfidence(text: string, start: number, raw: string, singapore: boolean): number {
  // The nearer cue wins: "order no. 123, call 9123 4567" is a phone.
  const before = text.slice(Math.max(0, start - CONTEXT_WINDOW), start);
  // A number glued to a word is part of a code, unless the word is a phone word ("HP-9123 4567").
  const glued = GLUED_TO_WORD.exec(before);
  if (glued && !PHONE_CONTEXT.test(glued[1])) return 0.2;
  const phoneAt = lastIndexOf(before, PHONE_CONTEXT);
  const referenceAt = lastIndexOf(before, REFERENCE_CONTEXT);
  if (phoneAt >= 0 && phoneAt > referenceAt) return 0.85;
  if (referenceAt >= 0) return 0.2;
  // One decimal point and nothing else is a decimal number (a coordinate, a measurement).
  if (/^\d{1,4}\.\d+$/.test(raw)) return 0;
  if (singapore && /^(?:\(\+?65\)\s?)?[3689]\d{3}[ -]?\d{4}$/.test(raw)) return 0.5;
  return /[\s().-]/.test(raw) ? 0.6 : 0;
}

/** True when `a` and `b` are a month and a day in either order. */
function calendarDate(a: number, b: number): boolean {
  const valid = (month: number, day: number) => month >= 1 && month <= 12 && day >= 1 && day <= 31;
  return valid(a, b) || valid(b, a);
}

function lastIndexOf(text: string, words: RegExp): number {
  let last = -1;
  for (const match of text.matchAll(new RegExp(words.source, 'gi'))) last = match.index;
  return last;
}

/** Regions can read one digit run differently; keep the longest reading, then the surest. */
function dropOverlaps(spans: PiiSpan[]): PiiSpan[] {
  const ordered = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || b.confidence - a.confidence || a.start - b.start);
  const kept: PiiSpan[] = [];
  for (const span of ordered) if (kept.every((k) => span.end <= k.start || span.start >= k.end)) kept.push(span);
  return kept.sort((a, b) => a.start - b.start);
}
