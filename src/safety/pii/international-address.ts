import { collectMatches } from './collect-matches.js';
import type { PiiSpan } from './types.js';

/**
 * Street addresses written the European and North American ways, found by shape (no cue word):
 *
 * - house number first, street type last, with a directional ("1600 Pennsylvania Avenue NW") and
 *   an optional town and postcode tail (", Washington, DC 20500", ", London NW1 6XE");
 * - French and Iberian "12 rue de la Paix", "5 avenue des Champs-Élysées";
 * - street word first, number after: "Via Roma 10", "Calle Mayor 5", "Rua Augusta 27";
 * - compound street names ending in a street word, number after: German "Hauptstraße 5",
 *   "Lindenweg 3a", Dutch "Keizersgracht 123", "Stationsstraat 4";
 * - UK postcodes (Royal Mail format, e.g. "SW1A 1AA") alone: 0.6, since a full postcode narrows to
 *   a handful of households.
 * Confidence 0.8, 0.9 with a postcode tail.
 */
const L = String.raw`[\p{Lu}][\p{L}'’.-]*`;
const TAIL = String.raw`(?:,?\s+(?:${L}\s){0,2}?(?:[A-Z]{2}\s+\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2})|,?\s+\d{4,5}\s+${L}(?:\s${L})?|,\s+${L}(?:\s${L})?,\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?)`;
const STREET_WORDS =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Crescent|Close|Mews|Gardens|Row|Square|Sq|Parkway|Highway';
const NUMBER_FIRST = new RegExp(String.raw`\b\d{1,5}[A-Za-z]?,?\s+(?:${L}\s+){1,3}(?:${STREET_WORDS})\b\.?(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?(${TAIL})?`, 'gu');
const ROMANCE_NUMBER_FIRST = new RegExp(
  String.raw`\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai|route|calle|avenida|rua)\s+(?:(?:de|du|des|de la|de l'|d'|del|da|do|dos)\s*)?${L}(?:[\s-]${L}){0,3}(${TAIL})?`,
  'giu',
);
const STREET_WORD_FIRST = new RegExp(
  String.raw`\b(?:Via|Viale|Piazza|Corso|Largo|Calle|Avenida|Plaza|Paseo|Carrer|Rua|Travessa|Rue|Avenue)\s+(?:(?:de|del|della|dei|di|da|do|dos|la|le)\s+)?${L}(?:\s${L}){0,2},?\s+\d{1,4}[A-Za-z]?\b(${TAIL})?`,
  'gu',
);
const COMPOUND_STREET = new RegExp(
  String.raw`\b[\p{Lu}][\p{L}-]*(?:straße|strasse|str\.|weg|allee|platz|gasse|damm|ring|ufer|straat|gracht|laan|plein|kade|singel|vej|gade|gatan|vägen|veien)\s+\d{1,4}[a-z]?\b(${TAIL})?`,
  'gu',
);
const UK_POSTCODE = /\b(?:GIR 0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2})\b/g;

export function findInternationalAddresses(text: string): PiiSpan[] {
  // A full stop after the town ends the sentence, not the address.
  const rate = (match: RegExpExecArray) => ({ confidence: match[1] ? 0.9 : 0.8, end: match.index + match[0].replace(/(?<=\p{L}{3})\.$/u, '').length });
  return [
    ...collectMatches(text, NUMBER_FIRST, 'street_address', rate),
    ...collectMatches(text, ROMANCE_NUMBER_FIRST, 'street_address', rate),
    ...collectMatches(text, STREET_WORD_FIRST, 'street_address', rate),
    ...collectMatches(text, COMPOUND_STREET, 'street_address', rate),
    ...collectMatches(text, UK_POSTCODE, 'street_address', () => ({ confidence: 0.6 })),
  ];
}
