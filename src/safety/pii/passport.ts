import { CUE_FILLER, collectMatches } from './collect-matches.js';
import type { PiiSpan } from './types.js';

/**
 * Passport numbers, only where the text says so: a passport word ("passport", "passport no.",
 * "passport number is", "travel document", and "passeport", "Reisepass", "pasaporte",
 * "passaporto", "paspoort", "pasport", "paspor") directly followed by the number, with at most
 * "number", "no.", ":", "#", "is", "(" between them.
 *
 * The number: six to nine letters and digits with at least five digits, which covers the common
 * formats (US and UK nine digits, Singapore "E1234567A" and "K1234567L", India "J8369854",
 * Malaysia "A12345678", Germany "C01X00T47", France "12AB34567", China "E12345678"). There is no
 * public check digit outside the machine-readable zone, so nothing is validated beyond the shape.
 *
 * Confidence 0.9 after a passport word, 0.85 after "travel document" (also refugee and
 * stateless travel documents and some visas). Without such a word a passport number is a plain
 * code and is not reported.
 */
const PASSPORT = new RegExp(
  String.raw`\b(?:(passports?|passeport|reisepass|pasaporte|passaporto|paspoort|pasport|paspor)|travel documents?)\b${CUE_FILLER}([A-Z0-9]{6,9})(?![A-Za-z0-9])`,
  'gid',
);

export function findPassports(text: string): PiiSpan[] {
  return collectMatches(text, PASSPORT, 'passport', (match) => {
    const value = match[2];
    if ((value.match(/\d/g)?.length ?? 0) < 5) return null;
    const [start, end] = match.indices![2]!;
    return { start, end, confidence: match[1] !== undefined ? 0.9 : 0.85 };
  });
}
