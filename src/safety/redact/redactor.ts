import { type ScanPiiOptions, scanPii } from '../pii/scan-pii.js';
import type { PiiType } from '../pii/types.js';
import { fakeValue, maskValue, normalizeValue } from './fake-values.js';

/**
 * Redacts whole records: every string anywhere in the record (nested objects, arrays, `_sources`)
 * is scanned, and each PII span is masked ("[PHONE]") or replaced by a consistent fake of its type.
 * Then a second pass replaces every detected value wherever else it occurs in the record, even
 * where the recognizers would not have found it on its own (a phone number in `_sources` without
 * the word "call" before it), so no detected value is left anywhere in the record.
 *
 * One Redactor serves one run: it keeps the map from real to fake values (for the run directory's
 * private redaction map, never for exported files) and the HMAC key fakes are drawn with.
 */
export type RedactionMode = 'mask' | 'replace';

export interface RedactorOptions extends ScanPiiOptions {
  mode?: RedactionMode;
  /** The run's secret key (32 random bytes); the same key gives the same fakes. */
  key: Buffer;
  /** Top-level fields left alone (record ids, bookkeeping); default `_id`, `_redactions`, `_lineage`. */
  skipFields?: readonly string[];
}

/** One redacted span, as kept in `_redactions`: where the replacement now stands, never the real value. */
export interface RedactionSpan {
  /** Dotted path of the string ("text", "_sources.0.snippet"); a key holding a dot is written as is. */
  path: string;
  type: PiiType;
  start: number;
  end: number;
  replacement: string;
  confidence?: number;
}

/** One entry of the private map: a real value and what replaced it. */
export interface RedactionMapEntry {
  type: PiiType;
  value: string;
  replacement: string;
  count: number;
}

const DEFAULT_SKIP = ['_id', '_redactions', '_lineage'];
const WORD_CHAR = /[\p{L}\p{N}]/u;
const DEFAULT_MIN_CONFIDENCE = 0.5;

export class Redactor {
  readonly mode: RedactionMode;
  private readonly map = new Map<string, RedactionMapEntry>();

  constructor(private readonly options: RedactorOptions) {
    this.mode = options.mode ?? 'replace';
  }

  /**
   * A redacted copy of `record` with `_redactions` appended to; the input is not changed.
   * `extra` are values found by other means (the model recognizer): replaced wherever they occur.
   */
  redactRecord(
    record: Record<string, unknown>,
    extra: readonly { type: PiiType; value: string }[] = [],
  ): { record: Record<string, unknown>; spans: RedactionSpan[] } {
    const skip = new Set(this.options.skipFields ?? DEFAULT_SKIP);
    const spans: RedactionSpan[] = [];
    const found: RedactionMapEntry[] = extra.map((e) => this.replacementFor(e.type, e.value));
    const first = this.walk(record, [], skip, (text, path) => this.redactText(text, path, spans, found));
    // Values found anywhere are removed everywhere, longest first (a name inside an address).
    const values = [...new Map(found.map((f) => [f.value, f])).values()].sort((a, b) => b.value.length - a.value.length);
    const result = values.length
      ? (this.walk(first, [], skip, (text, path) => replaceEverywhere(text, path, values, spans)) as Record<string, unknown>)
      : (first as Record<string, unknown>);
    const previous = Array.isArray(record._redactions) ? (record._redactions as RedactionSpan[]) : [];
    return { record: { ...result, _redactions: [...previous, ...spans] }, spans };
  }

  /** Every string of the record that the redactor scans (for a recognizer that runs ahead of it). */
  stringsOf(record: Record<string, unknown>): string[] {
    const skip = new Set(this.options.skipFields ?? DEFAULT_SKIP);
    const texts: string[] = [];
    this.walk(record, [], skip, (text) => {
      texts.push(text);
      return text;
    });
    return texts;
  }

  /** The private map, for the run directory only. */
  mapEntries(): RedactionMapEntry[] {
    return [...this.map.values()];
  }

  private replacementFor(type: PiiType, value: string): RedactionMapEntry {
    const key = `${type}\0${normalizeValue(type, value)}\0${value}`;
    let entry = this.map.get(key);
    if (!entry) {
      // The same normalized value written another way gets the same fake (reshaped where the type keeps layout).
      const replacement = this.mode === 'mask' ? maskValue(type) : fakeValue(type, value, this.options.key);
      entry = { type, value, replacement, count: 0 };
      this.map.set(key, entry);
    }
    entry.count++;
    return entry;
  }

  private redactText(text: string, path: string, spans: RedactionSpan[], found: RedactionMapEntry[]): string {
    const detected = scanPii(text, { types: this.options.types, minConfidence: this.options.minConfidence ?? DEFAULT_MIN_CONFIDENCE });
    if (detected.length === 0) return text;
    let out = '';
    let last = 0;
    for (const span of detected) {
      const entry = this.replacementFor(span.type, span.text);
      found.push(entry);
      out += text.slice(last, span.start);
      spans.push({
        path,
        type: span.type,
        start: out.length,
        end: out.length + entry.replacement.length,
        replacement: entry.replacement,
        confidence: span.confidence,
      });
      out += entry.replacement;
      last = span.end;
    }
    return out + text.slice(last);
  }

  /** A copy of `value` with every string (and finite number, by its digits) passed through `edit`. */
  private walk(value: unknown, path: string[], skip: Set<string>, edit: (text: string, path: string) => string): unknown {
    if (typeof value === 'string') return edit(value, path.join('.'));
    if (typeof value === 'number' && Number.isFinite(value) && path.length > 0) {
      const text = String(value);
      const edited = edit(text, path.join('.'));
      // A number that was PII becomes the replacement string (a fake number may not fit the type).
      return edited === text ? value : edited;
    }
    if (Array.isArray(value)) return value.map((item, i) => this.walk(item, [...path, String(i)], skip, edit));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        out[key] = path.length === 0 && skip.has(key) ? item : this.walk(item, [...path, key], skip, edit);
      }
      return out;
    }
    return value;
  }
}

function replaceEverywhere(text: string, path: string, values: readonly RedactionMapEntry[], spans: RedactionSpan[]): string {
  let out = text;
  for (const entry of values) {
    if (entry.value.length < 3 || !out.includes(entry.value)) continue;
    const delta = entry.replacement.length - entry.value.length;
    let at = out.indexOf(entry.value);
    while (at >= 0) {
      // Whole words only: the name "Lee" is not in "Fleet".
      if (WORD_CHAR.test(out[at - 1] ?? '') || WORD_CHAR.test(out[at + entry.value.length] ?? '')) {
        at = out.indexOf(entry.value, at + 1);
        continue;
      }
      // Spans already recorded after this point in the same string move with the text.
      for (const span of spans) {
        if (span.path === path && span.start >= at + entry.value.length) {
          span.start += delta;
          span.end += delta;
        }
      }
      out = out.slice(0, at) + entry.replacement + out.slice(at + entry.value.length);
      spans.push({ path, type: entry.type, start: at, end: at + entry.replacement.length, replacement: entry.replacement });
      at = out.indexOf(entry.value, at + entry.replacement.length);
    }
  }
  return out;
}
