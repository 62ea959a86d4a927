import { PII_TYPES, type PiiSpan } from './types.js';

/**
 * Keeps a set of non-overlapping spans. Spans are taken greedily in priority order: the type's
 * place in {@link PII_TYPES} (checksummed and structurally strict types first: an email or a Luhn-
 * valid card number is surer than a phone-shaped digit run inside it; identity numbers, which need
 * a checksum, a strict layout or a cue word, before phones, and a date after a birth word before a
 * phone reading of it), then higher confidence, then the longer span, then the earlier start.
 * Output is sorted by start.
 */
export function resolveOverlaps(spans: readonly PiiSpan[]): PiiSpan[] {
  const rank = (span: PiiSpan) => PII_TYPES.indexOf(span.type);
  const ordered = [...spans].sort((a, b) => rank(a) - rank(b) || b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: PiiSpan[] = [];
  for (const span of ordered) {
    if (kept.every((k) => span.end <= k.start || span.start >= k.end)) kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
