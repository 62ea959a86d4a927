/**
 * Attribute coverage (`coverage:` in evaluate.yaml): for each sampled attribute, its value counts,
 * entropy and, where the recipe gave weights, the distance from them; for cross products, the
 * combinations never produced. In a run directory the attributes, targets and combinations come
 * from the recipe (recipe-attributes.ts); in a plain file, from low-cardinality fields of the
 * first records. Each record keeps only its attribute values (one small projection) until the end.
 * metrics.json: `coverage`; report: Attribute coverage.
 */
import { z } from 'zod';
import { getPath, setPath } from '../../core/field-path.js';
import { fieldPath } from '../config-fields.js';
import type { CoreMetrics } from '../core-metrics.js';
import { defineMetric } from '../evaluation-metric.js';
import { attributeCoverage, combinationCoverage, valueKey, type ColumnCoverage, type CombinationCoverage } from '../metrics/coverage.js';
import { formatNumber as num, formatPercent as pct, html, table, type Html } from '../report/html.js';
import { heatmapSvg } from '../report/svg-charts.js';

export const COVERAGE_DEFAULTS = {
  /** Distinct values up to which a field found in a plain file counts as a sampled attribute (more reads as free text or ids). */
  maxAttributeValues: 30,
} as const;

export interface CoverageEntries {
  coverage: {
    columns: Record<string, ColumnCoverage>;
    combinations: CombinationCoverage[];
    heatmap: CombinationCoverage | null;
    /** The same attribute coverage with each record counted by its weight; null without weights. */
    weighted?: { field: string; columns: Record<string, ColumnCoverage> } | null;
  };
}

const coverageColumn = z.union([
  fieldPath,
  z
    .object({
      field: fieldPath,
      /** Target share per value (relative weights; normalised). */
      target: z.record(z.string(), z.number().nonnegative()).optional(),
    })
    .strict(),
]);

const WEIGHT_KEY = '__weight';
/** A record's weight: missing or non-finite counts as 1 (an unweighted record), negative as 0. */
function weightOf(projection: unknown): number {
  const w = (projection as Record<string, unknown>)[WEIGHT_KEY];
  if (typeof w !== 'number' || !Number.isFinite(w)) return 1;
  return Math.max(0, w);
}

export const coverageMetric = defineMetric({
  name: 'coverage',
  config: {
    coverage: z
      .object({
        /** Sampled attribute columns; default (run directory): the recipe's sampler columns. */
        columns: z.array(coverageColumn).optional(),
        /** Cross products whose missing combinations are listed, e.g. [[service, sentiment]]. */
        combinations: z.array(z.array(fieldPath).min(2).max(4)).optional(),
        /**
         * Also report every attribute's shares weighted by this field (curation's `_weight`);
         * default `_weight` when the records carry it, `false` to turn it off.
         */
        weight_field: z.union([fieldPath, z.literal(false)]).optional(),
        /** The pair drawn as a heat map; default the first two-column combination. */
        heatmap: z.tuple([fieldPath, fieldPath]).optional(),
      })
      .strict()
      .optional(),
  },
  start({ coverage: settings }, run) {
    const columns: { field: string; target?: Record<string, number> }[] =
      settings?.columns?.map((c) => (typeof c === 'string' ? { field: c } : c)) ?? run.recipe?.columns ?? detectAttributes(run.head, run.columns);
    const combinations = settings?.combinations ?? run.recipe?.combinations ?? [];
    const heatmap =
      settings?.heatmap ?? (combinations.find((c) => c.length === 2) as [string, string] | undefined) ?? defaultHeatmap(columns.map((c) => c.field));
    const fields = [...new Set([...columns.map((c) => c.field), ...combinations.flat(), ...(heatmap ?? [])])];
    const weightField =
      settings?.weight_field === false ? undefined : (settings?.weight_field ?? (run.head.some((r) => typeof r._weight === 'number') ? '_weight' : undefined));
    const projections: Record<string, unknown>[] = [];
    return {
      add(record) {
        const projection: Record<string, unknown> = {};
        for (const field of fields) setPath(projection, field, valueKey(getPath(record, field)));
        if (weightField) projection[WEIGHT_KEY] = getPath(record, weightField);
        projections.push(projection);
      },
      finish(): CoverageEntries {
        const domains = run.recipe?.domains ?? {};
        const coverage: CoverageEntries['coverage'] = { columns: {}, combinations: [], heatmap: null };
        for (const { field, target } of columns) coverage.columns[field] = attributeCoverage(projections, field, target ? { target } : {});
        const allowedFor = (combo: readonly string[]) => run.recipe?.allowed?.[combo.join('\u0000')];
        for (const combo of combinations) coverage.combinations.push(combinationCoverage(projections, combo, { domains, allowed: allowedFor(combo) }));
        if (heatmap) coverage.heatmap = combinationCoverage(projections, heatmap, { domains, allowed: allowedFor(heatmap) });
        coverage.weighted = weightField
          ? {
              field: weightField,
              columns: Object.fromEntries(
                columns.map(({ field, target }) => [field, attributeCoverage(projections, field, { ...(target ? { target } : {}), weight: weightOf })]),
              ),
            }
          : null;
        projections.length = 0;
        return { coverage };
      },
    };
  },
  report: { sections: (m) => [coverageSection(m)] },
});

/**
 * Attributes of a plain file: top-level (and one level nested, e.g. persona.region) string,
 * number or boolean fields that are not text columns or bookkeeping and take at most 30 values
 * in the first records.
 */
function detectAttributes(head: readonly Record<string, unknown>[], textColumns: readonly string[]): { field: string }[] {
  const values = new Map<string, Set<string>>();
  const note = (path: string, value: unknown) => {
    if (!['string', 'number', 'boolean'].includes(typeof value)) return;
    const set = values.get(path) ?? new Set<string>();
    set.add(String(value));
    values.set(path, set);
  };
  for (const record of head) {
    for (const [key, value] of Object.entries(record)) {
      if (key.startsWith('_') || textColumns.includes(key) || /^(id|uuid)$|_id$/i.test(key)) continue;
      if (value && typeof value === 'object' && !Array.isArray(value)) for (const [sub, v] of Object.entries(value)) note(`${key}.${sub}`, v);
      else note(key, value);
    }
  }
  return [...values]
    .filter(([, set]) => set.size >= 2 && set.size <= COVERAGE_DEFAULTS.maxAttributeValues && set.size < head.length)
    .map(([field]) => ({ field }));
}

function defaultHeatmap(fields: readonly string[]): [string, string] | undefined {
  return fields.length >= 2 ? [fields[0], fields[1]] : undefined;
}

function coverageSection(m: CoreMetrics & CoverageEntries): Html {
  const cols = Object.values(m.coverage.columns);
  if (cols.length === 0 && !m.coverage.heatmap) return html``;
  const rows = cols.map((c) => [
    html`<code>${c.column}</code>`,
    num(c.distinct),
    num(c.entropy),
    num(c.normalizedEntropy),
    c.target ? num(c.target.totalVariation) : '–',
    c.target ? num(c.target.kl) : '–',
    c.target?.missing.length ? c.target.missing.join(', ') : '–',
    c.counts
      .slice(0, 4)
      .map((v) => `${v.value} (${pct(v.share)})`)
      .join(', ') + (c.counts.length > 4 ? ', …' : ''),
  ]);
  const combos = m.coverage.combinations.map(
    (c) =>
      html`<h3>${c.columns.join(' × ')}: ${num(c.observed)} of ${num(c.possible)} ${c.allowed_only ? 'allowed ' : ''}combinations (${pct(c.coverage)})</h3>${c.allowed_only ? html`<p class="note">Only the pairs the recipe allows (each parent value with its own subcategories) are counted${c.disallowed ? html`; ${num(c.disallowed)} records hold a pair the recipe does not allow` : ''}.</p>` : ''}${
        c.missing?.length
          ? html`<p class="note">Missing: ${c.missing
              .slice(0, 40)
              .map((v) => v.join(' × '))
              .join('; ')}${c.missing.length > 40 ? ` … and ${c.missing.length - 40} more` : ''}</p>`
          : ''
      }`,
  );
  let heat: Html | string = '';
  const h = m.coverage.heatmap;
  if (h) {
    const rowsV = orderedValues(
      h.combinations.map((c) => [c.values[0], c.count]),
      h.missing?.map((v) => v[0]),
    );
    const colsV = orderedValues(
      h.combinations.map((c) => [c.values[1], c.count]),
      h.missing?.map((v) => v[1]),
    );
    const counts = new Map(h.combinations.map((c) => [`${c.values[0]}\u0000${c.values[1]}`, c.count]));
    heat =
      rowsV.length <= 40 && colsV.length <= 40
        ? html`<h3>Heat map: ${h.columns[0]} × ${h.columns[1]} (red cells were never produced)</h3><div class="chart-box">${heatmapSvg(rowsV, colsV, counts, { title: `${h.columns[0]} by ${h.columns[1]}`, rowLabel: h.columns[0], columnLabel: h.columns[1] })}</div>`
        : html`<p class="note">Heat map of ${h.columns.join(' × ')} left out: too many values.</p>`;
  }
  return html`<section id="coverage"><h2>Attribute coverage</h2>
<p class="note">Normalised entropy: 1 = perfectly even. Total variation: share of records that would have to change value to match the recipe's weights.</p>
${rows.length ? table(['attribute', 'values', 'entropy', 'evenness', 'TV vs target', 'KL vs target', 'missing values', 'top values'], rows, { numeric: [1, 2, 3, 4, 5] }) : ''}
${
  m.coverage.weighted
    ? html`<h3>Weighted by <code>${m.coverage.weighted.field}</code></h3><p class="note">Shares as a trainer that honours the curation weights sees them.</p>${table(
        ['attribute', 'evenness', 'TV vs target', 'top values (weighted share)'],
        Object.values(m.coverage.weighted.columns).map((c) => [
          html`<code>${c.column}</code>`,
          num(c.normalizedEntropy),
          c.target ? num(c.target.totalVariation) : '–',
          c.counts
            .slice(0, 4)
            .map((v) => `${v.value} (${pct(v.share)})`)
            .join(', '),
        ]),
        { numeric: [1, 2] },
      )}`
    : ''
}
${heat}${combos}</section>`;
}

/** Values most frequent first, then values seen only among the missing combinations. */
function orderedValues(pairs: [string, number][], extra: string[] | undefined): string[] {
  const totals = new Map<string, number>();
  for (const [v, c] of pairs) totals.set(v, (totals.get(v) ?? 0) + c);
  for (const v of extra ?? []) if (!totals.has(v)) totals.set(v, 0);
  return [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
}
