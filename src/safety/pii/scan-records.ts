import { getPath } from '../../core/field-path.js';
import { type ScanPiiOptions, scanPii } from './scan-pii.js';
import type { PiiType } from './types.js';

/**
 * PII across a dataset: streams the records once, scanning the named fields (dotted paths; string
 * values, and numbers by their digits), and keeps only counts and a few examples, so memory does
 * not grow with the dataset.
 */
export interface PiiExample {
  record: number;
  field: string;
  text: string;
  confidence: number;
}

export interface PiiSummary {
  records: number;
  recordsWithPii: number;
  /** Spans found, per type (types with none are absent). */
  counts: Partial<Record<PiiType, number>>;
  /** Records with at least one span of the type. */
  recordsPerType: Partial<Record<PiiType, number>>;
  /** The first `examplesPerType` spans of each type. */
  examples: Partial<Record<PiiType, PiiExample[]>>;
}

export interface ScanRecordsOptions extends ScanPiiOptions {
  /** Examples kept per type; default 3. */
  examplesPerType?: number;
}

export function scanRecordsForPii(records: Iterable<unknown>, fields: readonly string[], options: ScanRecordsOptions = {}): PiiSummary {
  if (fields.length === 0) throw new RangeError('scanRecordsForPii: name at least one field to scan');
  const examplesPerType = options.examplesPerType ?? 3;
  const summary: PiiSummary = { records: 0, recordsWithPii: 0, counts: {}, recordsPerType: {}, examples: {} };
  let index = 0;
  for (const record of records) {
    const typesHere = new Set<PiiType>();
    for (const field of fields) {
      const value = getPath(record, field);
      const text = typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
      if (text === undefined || text === '') continue;
      for (const span of scanPii(text, options)) {
        typesHere.add(span.type);
        summary.counts[span.type] = (summary.counts[span.type] ?? 0) + 1;
        const examples = (summary.examples[span.type] ??= []);
        if (examples.length < examplesPerType) examples.push({ record: index, field, text: span.text, confidence: span.confidence });
      }
    }
    for (const type of typesHere) summary.recordsPerType[type] = (summary.recordsPerType[type] ?? 0) + 1;
    if (typesHere.size > 0) summary.recordsWithPii++;
    summary.records++;
    index++;
  }
  return summary;
}
