/**
 * PII across the text columns, streamed: counts per type and the first few findings of each type
 * with the text around the span, so the report can show the span highlighted in its context.
 * (safety/pii/scan-records.ts keeps only the span text; a reviewer needs the context to judge it.)
 */
import { scanPii } from '../safety/pii/scan-pii.js';
import type { PiiType } from '../safety/pii/types.js';

export interface PiiFinding {
  record: string;
  field: string;
  type: PiiType;
  confidence: number;
  /** Text around the span; the span is `context.slice(start, end)`. */
  context: string;
  start: number;
  end: number;
}

/** `pii` in metrics.json. */
export interface PiiMetrics {
  fields: string[];
  records: number;
  total: number;
  records_with_pii: number;
  by_type: Partial<Record<PiiType, number>>;
  examples: PiiFinding[];
  /** Every record with a PII span, with the types found (the report shows examples; this lists all). */
  affected: { record: string; types: PiiType[] }[];
}

/** Characters of context kept on each side of a span. */
const CONTEXT = 60;

export interface PiiAccumulatorOptions {
  types?: readonly PiiType[];
  /** Default 0.5: the phone recognizer gives bare eight-digit runs 0.5, other weak guesses lower. */
  minConfidence?: number;
  examplesPerType?: number;
}

export class PiiAccumulator {
  private readonly metrics: PiiMetrics;
  private readonly perType = new Map<PiiType, number>();

  constructor(
    readonly fields: readonly string[],
    private readonly options: PiiAccumulatorOptions = {},
  ) {
    this.metrics = { fields: [...fields], records: 0, total: 0, records_with_pii: 0, by_type: {}, examples: [], affected: [] };
  }

  /** One record's texts, field by field. */
  add(recordId: string, texts: readonly (readonly [field: string, text: string])[]): void {
    this.metrics.records++;
    let found = false;
    const types = new Set<PiiType>();
    for (const [field, text] of texts) {
      for (const span of scanPii(text, { types: this.options.types, minConfidence: this.options.minConfidence ?? 0.5 })) {
        found = true;
        types.add(span.type);
        this.metrics.total++;
        this.metrics.by_type[span.type] = (this.metrics.by_type[span.type] ?? 0) + 1;
        const shown = this.perType.get(span.type) ?? 0;
        if (shown < (this.options.examplesPerType ?? 3)) {
          this.perType.set(span.type, shown + 1);
          this.metrics.examples.push(contextOf(recordId, field, text, span));
        }
      }
    }
    if (found) {
      this.metrics.records_with_pii++;
      this.metrics.affected.push({ record: recordId, types: [...types] });
    }
  }

  result(): PiiMetrics {
    return this.metrics;
  }
}

function contextOf(record: string, field: string, text: string, span: { type: PiiType; start: number; end: number; confidence: number }): PiiFinding {
  const from = Math.max(0, span.start - CONTEXT);
  const to = Math.min(text.length, span.end + CONTEXT);
  const prefix = from > 0 ? '…' : '';
  const context = `${prefix}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
  return {
    record,
    field,
    type: span.type,
    confidence: span.confidence,
    context,
    start: span.start - from + prefix.length,
    end: span.end - from + prefix.length,
  };
}
