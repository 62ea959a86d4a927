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
