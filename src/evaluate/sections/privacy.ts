/**
 * Privacy (`privacy:` in evaluate.yaml): PII spans in the text columns, always (pii-findings.ts);
 * leakage of a private reference file into the data (longest shared span, n-gram overlap,
 * distance to the closest reference record, safety/leakage.ts), given a reference; and planted
 * canary strings found in the data, given canaries.
 * metrics.json: `pii`, `leakage` and `canaries`; report: Privacy.
 */
import { z } from 'zod';
import { getPath } from '../../core/field-path.js';
import type { Summary } from '../../core/quantiles.js';
import { findCanaries } from '../../safety/canary.js';
import { LEAKAGE_DEFAULTS, measureLeakage } from '../../safety/leakage.js';
import { PII_TYPES } from '../../safety/pii/types.js';
import { fieldPath } from '../config-fields.js';
import type { CoreMetrics } from '../core-metrics.js';
import { defineMetric } from '../evaluation-metric.js';
import { PiiAccumulator, type PiiMetrics } from '../pii-findings.js';
import { readCanaries } from '../read-canaries.js';
import { readRecordsFile } from '../read-texts-file.js';
import { card, formatNumber as num, highlight, html, table, type Html } from '../report/html.js';

export interface LeakageMetrics {
  reference: string;
  column: string;
  references: number;
  texts: number;
  longest_span: Summary;
  ngram_overlap: Summary;
  distance_to_closest: Summary;
  worst: { record: string; longest_span: number; span: string; overlap: number; distance: number }[];
  /** Every record sharing a span of at least `min_span` words with a reference record, longest first. */
  leaked: { record: string; longest_span: number; span: string; overlap: number; distance: number }[];
  min_span: number;
}

export interface CanaryMetrics {
  checked: number;
  found: number;
  hits: { canary: string; records: string[]; loose_only: boolean }[];
}

export interface PrivacyEntries {
  pii: PiiMetrics;
  leakage: LeakageMetrics | null;
  canaries: CanaryMetrics | null;
}

/** Records the report shows per canary found (metrics.json lists them all). */
const CANARY_RECORDS_SHOWN = 20;

export const privacyMetric = defineMetric({
  name: 'privacy',
  config: {
    privacy: z
      .object({
        /** Fields scanned for PII; default the text columns. */
        pii_columns: z.array(fieldPath).optional(),
        pii_types: z.array(z.enum(PII_TYPES)).min(1).optional(),
        /** Spans below this confidence are not counted; default 0.5. */
        min_confidence: z.number().min(0).max(1).optional(),
        examples_per_type: z.number().int().min(0).max(100).optional(),
        /** Private real data (JSONL, or text lines) checked for leakage; `--reference` overrides. */
        reference: z.string().min(1).optional(),
        /** Field of the reference records holding the text; default the first text column's name. */
        reference_field: fieldPath.optional(),
        /** Synthetic column compared with the reference; default the first text column. */
        leakage_column: fieldPath.optional(),
        canaries: z.array(z.string().min(4)).optional(),
        /** A file (e.g. the seed file) whose planted canary strings ("canary-7f3a-quartz-lumen") are checked. */
        canaries_from: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
  },
  start({ privacy: settings }, run) {
    const piiFields = settings?.pii_columns ?? run.columns;
    const pii = new PiiAccumulator(piiFields, {
      types: settings?.pii_types,
      minConfidence: settings?.min_confidence,
      examplesPerType: settings?.examples_per_type,
    });
    const referenceFile = run.overrides.reference ?? (settings?.reference ? run.resolve(settings.reference) : undefined);
    const leakageColumn = settings?.leakage_column ?? run.columns[0];
    const leakageTexts: { id: string; text: string }[] = [];
    const canaries = [...(settings?.canaries ?? []), ...(settings?.canaries_from ? readCanaries(run.resolve(settings.canaries_from)) : [])];
    const canaryFields = [...new Set([...piiFields, ...run.columns])];
    const canaryHits = new Map<string, { records: string[]; exact: boolean }>();
    return {
      add(record, id) {
        const texts: [string, string][] = [];
        for (const field of piiFields) {
          const value = getPath(record, field);
          if (typeof value === 'string' && value !== '') texts.push([field, value]);
        }
        pii.add(id, texts);
        if (referenceFile) {
          const text = getPath(record, leakageColumn);
          if (typeof text === 'string') leakageTexts.push({ id, text });
        }
        if (canaries.length > 0) {
          const canaryTexts = canaryFields.map((field) => getPath(record, field)).filter((t): t is string => typeof t === 'string');
          for (const hit of findCanaries(canaryTexts, canaries)) {
            const entry = canaryHits.get(hit.canary) ?? { records: [], exact: false };
            entry.records.push(id);
            entry.exact ||= hit.exact.length > 0;
            canaryHits.set(hit.canary, entry);
          }
        }
      },
      finish: (): PrivacyEntries => ({
        pii: pii.result(),
        leakage: referenceFile ? measureReferenceLeakage(referenceFile, settings?.reference_field, leakageColumn, leakageTexts) : null,
        canaries:
          canaries.length === 0
            ? null
            : {
                checked: canaries.length,
                found: canaryHits.size,
                hits: [...canaryHits].map(([canary, hit]) => ({ canary, records: hit.records, loose_only: !hit.exact })),
              },
      }),
    };
  },
  report: {
    cards: (m) => [
      card('PII spans', num(m.pii.total), m.pii.total > 0 ? 'bad' : undefined),
      ...(m.leakage ? [card('longest shared span', `${num(m.leakage.longest_span.max)} words`)] : []),
    ],
    sections: (m) => [privacySection(m)],
  },
});

function measureReferenceLeakage(file: string, referenceField: string | undefined, column: string, texts: { id: string; text: string }[]): LeakageMetrics {
  const rows = readRecordsFile(file);
  const field = referenceField ?? (rows.some((r) => typeof getPath(r, column) === 'string') ? column : 'text');
  const references = rows.map((r) => getPath(r, field)).filter((t): t is string => typeof t === 'string');
  // Every finding is kept (worst = all texts) so metrics.json can list every leaked record.
  const report = measureLeakage(
    texts.map((t) => t.text),
    references,
    { worst: Math.max(LEAKAGE_DEFAULTS.worst, texts.length) },
  );
  const toRow = (f: (typeof report.worstBySpan)[number]) => ({
    record: texts[f.index].id,
    longest_span: f.longestSpan,
    span: f.span,
    overlap: f.overlap,
    distance: f.distance,
  });
  return {
    reference: file,
    column,
    references: references.length,
    texts: texts.length,
    longest_span: report.longestSpan,
    ngram_overlap: report.overlap,
    distance_to_closest: report.distance,
    worst: report.worstBySpan.slice(0, LEAKAGE_DEFAULTS.worst).map(toRow),
    leaked: report.worstBySpan.filter((f) => f.longestSpan >= LEAKAGE_DEFAULTS.ngram).map(toRow),
    min_span: LEAKAGE_DEFAULTS.ngram,
  };
}

function privacySection(m: CoreMetrics & PrivacyEntries): Html {
  const p = m.pii;
  const byType = Object.entries(p.by_type).sort((a, b) => b[1] - a[1]);
  const leak = m.leakage;
  const can = m.canaries;
  return html`<section id="privacy"><h2>Privacy</h2>
<p class="note">PII scanned in ${p.fields.map((f) => f).join(', ') || 'no fields'}: ${num(p.total)} spans in ${num(p.records_with_pii)} of ${num(p.records)} records.</p>
${
  byType.length
    ? table(
        ['type', 'spans'],
        byType.map(([t, n]) => [t, num(n)]),
        { numeric: [1] },
      )
    : ''
}
${
  p.examples.length
    ? html`<h3>Examples</h3>${table(
        ['record', 'field', 'type', 'confidence', 'context'],
        p.examples.map((e) => [
          e.record,
          e.field,
          e.type,
          num(e.confidence, 2),
          html`<div class="snippet">${highlight(e.context, e.start, e.end, e.type)}</div>`,
        ]),
        { numeric: [3] },
      )}`
    : ''
}
${
  leak
    ? html`<h3>Leakage against <code>${leak.reference}</code></h3>
<p class="note">${num(leak.texts)} texts of <code>${leak.column}</code> against ${num(leak.references)} reference records. Longest shared span in words; 8-gram overlap share; distance to closest record = 1 − best Jaccard of word 3-grams.</p>
${table(
  ['measure', 'mean', 'median', 'p95', 'max'],
  [
    ['longest shared span (words)', num(leak.longest_span.mean), num(leak.longest_span.p50), num(leak.longest_span.p95), num(leak.longest_span.max)],
    ['8-gram overlap', num(leak.ngram_overlap.mean), num(leak.ngram_overlap.p50), num(leak.ngram_overlap.p95), num(leak.ngram_overlap.max)],
    [
      'distance to closest',
      num(leak.distance_to_closest.mean),
      num(leak.distance_to_closest.p50),
      num(leak.distance_to_closest.p95),
      num(leak.distance_to_closest.min),
    ],
  ],
  { numeric: [1, 2, 3, 4] },
)}
<p class="note">(for distance, the last column is the minimum) · ${num(leak.leaked.length)} records share a span of ${num(leak.min_span)}+ words with a reference record; the worst ${num(Math.min(leak.worst.length, 10))} are below, all in metrics.json (<code>leakage.leaked</code>).</p>
${
  leak.worst.filter((w) => w.longest_span > 0).length
    ? table(
        ['record', 'longest span', 'shared words', 'overlap', 'distance'],
        leak.worst
          .filter((w) => w.longest_span > 0)
          .map((w) => [w.record, num(w.longest_span), html`<div class="snippet">${w.span}</div>`, num(w.overlap), num(w.distance)]),
        { numeric: [1, 3, 4] },
      )
    : ''
}`
    : ''
}
${
  can
    ? html`<h3>Canaries</h3><p class="${can.found > 0 ? 'status fail' : 'status pass'}">${num(can.found)} of ${num(can.checked)} canaries found</p>
${
  can.hits.length
    ? table(
        ['canary', 'records', 'match'],
        can.hits.map((h) => [
          h.canary,
          `${h.records.slice(0, CANARY_RECORDS_SHOWN).join(', ')}${h.records.length > CANARY_RECORDS_SHOWN ? ` and ${h.records.length - CANARY_RECORDS_SHOWN} more (all in metrics.json)` : ''}`,
          h.loose_only ? 'reformatted' : 'exact',
        ]),
      )
    : ''
}`
    : ''
}
</section>`;
}
