/**
 * Where a report's charts and record ids lead when the report is shown inside synthkit studio:
 * the studio passes these to renderReport, and a chart bar becomes a link to the records it
 * counts. The standalone report.html is written without them (its charts still show their exact
 * figures on hover). The report only says which records; the studio turns that into a URL.
 */

import { MISSING_VALUE } from '../metrics/coverage.js';

/** The records a chart element counts. */
export type RecordFilter =
  /** `field` holds `value`, as the evaluation keyed it (numbers and booleans as their text). */
  | { kind: 'value'; field: string; value: string }
  /** `field` is missing, null or empty. */
  | { kind: 'missing'; field: string }
  /** min <= `field` < max, numbers only; an end left out is open. */
  | { kind: 'range'; field: string; min?: number; max?: number }
  /** The record's text holds PII of this type. */
  | { kind: 'pii'; type: string };

/** The records holding `value` in `field`, as coverage and the bias audit key values (missing ones included). */
export function valueFilter(field: string, value: string): RecordFilter {
  return value === MISSING_VALUE ? { kind: 'missing', field } : { kind: 'value', field, value };
}

export interface ReportLinks {
  /** A link to the records matching the filter, or undefined for none. */
  records(filter: RecordFilter): string | undefined;
  /** A link to one record by its id as metrics.json gives it, or undefined for none. */
  record?(id: string): string | undefined;
}

/**
 * `href` when it is a path on the same server (`/runs/...`), else undefined: no scheme (so never
 * `javascript:`), no other host (`//evil.example`), no backslash tricks.
 */
export function safeHref(href: string | undefined): string | undefined {
  return href !== undefined && /^\/(?![/\\])[^\s\\]*$/.test(href) ? href : undefined;
}
