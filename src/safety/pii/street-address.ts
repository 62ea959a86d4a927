import { collectMatches } from './collect-matches.js';
import { findInternationalAddresses } from './international-address.js';
import { resolveOverlaps } from './resolve-overlaps.js';
import type { PiiSpan } from './types.js';

/**
 * Street addresses.
 *
 * - Singapore HDB style: "Blk 123 Ang Mo Kio Ave 3 #12-34 Singapore 560123": "Blk"/"Block", a
 *   block number, up to eight capitalised words or numbers (the street), then optionally a unit
 *   "#12-34" and "Singapore 560123". Confidence 0.9.
 * - Numbered streets: "123 Main Street", "10 Anson Road #05-01": a house number, one to four
 *   capitalised words and a street type word (Street, St, Avenue, Road, ...), then optional unit
 *   and postal code. Confidence 0.75, 0.9 with a unit or postal code.
 * - Singapore postal codes (six digits, Singapore Post) only with context, since six digits alone
 *   are anything: "Singapore 560123" and "postal code 560123" (0.8), "S(560123)" and "S560123"
 *   (0.6).
 * - European and North American forms (international-address.ts).
 */
const STREET_TYPES =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Crescent|Cres|Close|Walk|Highway|Hwy|Parkway|Pkwy|Square|Sq|Link|Loop|Rise|Hill|Heights|Hts|View|Grove|Central|North|South|East|West';
const UNIT = String.raw`(?:,?\s*#\d{1,3}-\d{1,5}[A-Z]?)`;
const POSTAL_TAIL = String.raw`(?:,?\s*(?:Singapore|S)\s*\(?\d{6}\)?)`;
const WORD = String.raw`(?!Singapore\b|S\s*\(?\d{6})[A-Z][A-Za-z'’.-]*`;

const HDB_BLOCK = new RegExp(String.raw`\b(?:Blk|Block)\.?\s*\d{1,4}[A-Za-z]?(?:,?\s+(?:${WORD}|\d{1,4}[A-Za-z]?\b)){1,8}${UNIT}?${POSTAL_TAIL}?`, 'g');
const NUMBERED_STREET = new RegExp(String.raw`\b\d{1,5}[A-Za-z]?\s+(?:${WORD}\s+){1,4}(?:${STREET_TYPES})\b\.?(?:\s+\d{1,3}\b)?(${UNIT}?${POSTAL_TAIL}?)`, 'g');
const POSTAL_CODE = /\b(?:(Singapore|[Pp]ostal [Cc]ode:?|[Pp]ostcode:?)\s*\(?\d{6}\)?|S\s?\(\d{6}\)|S\d{6})(?!\d)/g;

export function findStreetAddresses(text: string): PiiSpan[] {
  const blocks = collectMatches(text, HDB_BLOCK, 'street_address', () => ({ confidence: 0.9 }));
  const streets = collectMatches(text, NUMBERED_STREET, 'street_address', (match) => ({
    confidence: match[1] !== undefined && match[1] !== '' ? 0.9 : 0.75,
  }));
  const postal = collectMatches(text, POSTAL_CODE, 'street_address', (match) => ({
    confidence: match[1] !== undefined ? 0.8 : 0.6,
  }));
  return resolveOverlaps([...blocks, ...streets, ...postal, ...findInternationalAddresses(text)]);
}
