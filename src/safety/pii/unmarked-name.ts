import { GIVEN_NAMES, NAME_CONNECTORS, NOT_NAME_WORDS, PLACE_PHRASES, SURNAMES } from './name-gazetteer.js';
import type { PiiSpan } from './types.js';

/**
 * Person names with no cue word before them ("Tan Ah Kow complained", "I spoke to Priya Raman"):
 * runs of two to five capitalised words (joined by "bin", "binte", "s/o", "van", ...) in which the
 * name lists of name-gazetteer.ts know at least one word, and no word is a place, weekday,
 * organisation or sentence opener. Leading opener words are trimmed ("Yesterday Priya Raman").
 *
 * Confidence: two or more known name words 0.85; one 0.7; none, but a person's place in the
 * sentence ("I spoke to ...", "the officer, ...", "... complained", "... and I") 0.6. A single known given name is reported
 * only after a greeting ("Dear Priya", "Hi Wei Ling", "Thanks Ravi"): 0.6. Multi-word places whose
 * words are also names ("Ang Mo Kio", "Boon Lay") are masked out first.
 */
const CONNECTORS = [...NAME_CONNECTORS].sort((a, b) => b.length - a.length).map((c) => c.replace('/', '\\/'));
const TOKEN = new RegExp(`[\\p{Lu}][\\p{Ll}\\p{Lu}'’-]*[\\p{Ll}'’]|[\\p{Lu}][\\p{Ll}]?|${CONNECTORS.join('|')}`, 'uy');
const GREETING = /(?:\b(?:Dear|Hi|Hello|Hey|Thanks|Thank you|Cheers|Regards),?\s+)$/u;
const PERSON_BEFORE =
  /\b(?:spoke to|spoke with|talked to|thank|thanks|asked|told|met|called|emailed|officer|nurse|doctor|agent|colleague|neighbour|neighbor|friend|son|daughter|wife|husband|mother|father|caseworker|manager|supervisor|landlord|tenant|patient|resident)\b[,:]?\s*$/i;
const PERSON_AFTER = /^,?\s+(?:said|says|complained|told|asked|replied|wrote|helped|called|visited|and I\b|did not|didn't|from the|who\b)/i;
const PLACES = new RegExp(`\\b(?:${PLACE_PHRASES.join('|')})\\b`, 'gu');

export function findUnmarkedNames(text: string): PiiSpan[] {
  const masked = text.replace(PLACES, (place) => place.toLowerCase());
  const spans: PiiSpan[] = [];
  for (const run of capitalisedRuns(masked)) {
    let tokens = run;
    while (tokens.length && (NOT_NAME_WORDS.has(tokens[0].word) || NAME_CONNECTORS.has(tokens[0].word))) tokens = tokens.slice(1);
    while (tokens.length && NAME_CONNECTORS.has(tokens[tokens.length - 1].word)) tokens = tokens.slice(0, -1);
    if (tokens.length === 0 || tokens.some((t) => NOT_NAME_WORDS.has(t.word))) continue;
    const known = tokens.filter((t) => SURNAMES.has(t.word) || GIVEN_NAMES.has(t.word)).length;
    const words = tokens.filter((t) => !NAME_CONNECTORS.has(t.word)).length;
    let confidence = 0;
    if (words >= 2 && words <= 5) confidence = known >= 2 ? 0.85 : known === 1 ? 0.7 : 0;
    // Names we do not list: two or three capitalised words in a person's place in the sentence.
    if (confidence === 0 && words >= 2 && words <= 3) {
      const before = masked.slice(Math.max(0, tokens[0].start - 30), tokens[0].start);
      const after = masked.slice(tokens[tokens.length - 1].end, tokens[tokens.length - 1].end + 20);
      if (PERSON_BEFORE.test(before) || PERSON_AFTER.test(after)) confidence = 0.6;
    } else if (words === 1 && GIVEN_NAMES.has(tokens[0].word) && GREETING.test(masked.slice(0, tokens[0].start))) confidence = 0.6;
    if (confidence === 0) continue;
    const start = tokens[0].start;
    const end = tokens[tokens.length - 1].end;
    spans.push({ type: 'person_name', start, end, text: text.slice(start, end), confidence });
  }
  return spans;
}

interface Token {
  word: string;
  start: number;
  end: number;
}

/** Maximal runs of capitalised words (and name connectors) separated by single spaces. */
function capitalisedRuns(text: string): Token[][] {
  const runs: Token[][] = [];
  let current: Token[] = [];
  let position = 0;
  const flush = () => {
    if (current.length) runs.push(current);
    current = [];
  };
  while (position < text.length) {
    const boundary = position === 0 || !/[\p{L}\p{N}'’/]/u.test(text[position - 1]);
    TOKEN.lastIndex = position;
    const match = boundary ? TOKEN.exec(text) : null;
    const after = match ? text[position + match[0].length] : undefined;
    if (match && (after === undefined || !/[\p{L}\p{N}/]/u.test(after))) {
      const end = position + match[0].length;
      current.push({ word: match[0].replace(/’/g, "'"), start: position, end });
      // Only a single space (not a comma or full stop) continues a name.
      if (text[end] === ' ' && /[\p{L}]/u.test(text[end + 1] ?? '')) {
        position = end + 1;
        continue;
      }
      flush();
      position = end;
      continue;
    }
    flush();
    position++;
  }
  flush();
  return runs;
}
