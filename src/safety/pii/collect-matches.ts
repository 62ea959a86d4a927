import type { PiiSpan, PiiType } from './types.js';

/**
 * Runs a global regex over `text` and turns each match into a span, or skips it when `build`
 * returns null (a failed checksum, a missing context word). `build` may narrow the span to a
 * capture group by returning its own start/end (the regex should then carry the `d` flag).
 */
export function collectMatches(
  text: string,
  pattern: RegExp,
  type: PiiType,
  build: (match: RegExpExecArray) => { confidence: number; start?: number; end?: number } | null,
): PiiSpan[] {
  if (!pattern.global) throw new Error(`collectMatches: the ${type} pattern must have the g flag`);
  const spans: PiiSpan[] = [];
  for (const match of text.matchAll(pattern)) {
    const built = build(match as RegExpExecArray);
    if (built === null) continue;
    const start = built.start ?? match.index;
    const end = built.end ?? match.index + match[0].length;
    spans.push({ type, start, end, text: text.slice(start, end), confidence: built.confidence });
  }
  return spans;
}

/** True when one of `words` occurs within `window` characters before `start`. */
export function hasContextBefore(text: string, start: number, words: RegExp, window: number): boolean {
  return words.test(text.slice(Math.max(0, start - window), start));
}

/**
 * Words after which a number is a reference for a thing, not a person, whatever its shape: an
 * order number shaped like an SSN is an order number. Recognizers that report a number without a
 * cue word rate it below 0.5 (what reports and redaction count) when one of these comes first.
 */
export const REFERENCE_WORDS =
  /\b(?:order|orders|invoice|inv|ref|reference|ticket|tracking|booking|case|receipt|transaction|txn|serial|s\/n|policy|claim|parcel|shipment|po|sku|batch|lot|item|product|part|model|code|version)\b/i;

/**
 * Which comes last in the `window` characters before `start`: a match of `cue` (the type's own
 * word, "SSN"), a match of `reference` (an order or ticket word), or neither. The nearer word
 * wins: "order 12, SSN 123-45-6789" is an SSN.
 */
export function nearerCue(text: string, start: number, window: number, cue: RegExp, reference: RegExp = REFERENCE_WORDS): 'cue' | 'reference' | null {
  const before = text.slice(Math.max(0, start - window), start);
  const last = (words: RegExp) => {
    let at = -1;
    for (const match of before.matchAll(new RegExp(words.source, words.flags.includes('g') ? words.flags : `${words.flags}g`))) at = match.index;
    return at;
  };
  const cueAt = last(cue);
  const referenceAt = last(reference);
  if (cueAt < 0 && referenceAt < 0) return null;
  return cueAt > referenceAt ? 'cue' : 'reference';
}

/**
 * What may stand between a cue word and its number: "passport number is 123", "Passport No.:
 * E123", "licence # D123", "passport (E123)". Used as `${cue}${CUE_FILLER}(value)`.
 */
export const CUE_FILLER = String.raw`(?:\s*(?:number|no\.?|num\.?|nr\.?|#))?\s*(?:(?:is\b|was\b|[:#=(–-])\s*){0,2}`;
