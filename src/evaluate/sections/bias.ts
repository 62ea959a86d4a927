/**
 * The bias audit (`bias:` in evaluate.yaml): per-group means of signals (a judge score, answer
 * length, share of a label) across groups of persona attributes, and the largest gaps
 * (metrics/bias-audit.ts). With no section, a run whose recipe samples a persona is audited on
 * age band, gender and region against text lengths and the judge score.
 * metrics.json: `bias`; report: Bias audit.
 */
import { z } from 'zod';
import { getPath, setPath } from '../../core/field-path.js';
import { fieldPath, positiveInt } from '../config-fields.js';
import type { CoreMetrics } from '../core-metrics.js';
import { defineMetric, type EvaluationRun } from '../evaluation-metric.js';
import { demographicAudit, type DemographicAudit } from '../metrics/bias-audit.js';
import { valueKey } from '../metrics/coverage.js';
import { type ReportLinks, valueFilter } from '../report/report-links.js';
import { barsSvg } from '../report/svg-charts.js';
import { formatNumber as num, formatPercent as pct, html, table, type Html } from '../report/html.js';
import { signalValue } from '../signal-value.js';
import { judgeScoreFieldOf } from './judge-scores.js';

export interface BiasEntries {
  bias: DemographicAudit | null;
}

interface BiasSettings {
  groups: string[];
  signals: string[];
  min_group_size?: number;
}

/**
 * Groups with fewer measured records than this are hidden from the gaps (ours, a common rule of
 * thumb for a mean's normal approximation): a group of 7 otherwise tops the list by chance.
 */
export const BIAS_MIN_GROUP_SIZE = 30;

export const biasMetric = defineMetric({
  name: 'bias audit',
  config: {
    bias: z
      .object({
        groups: z.array(fieldPath).min(1),
        /**
         * Signals compared across groups: a numeric field path (`_signals.judge.score`),
         * `length:FIELD` (words), `chars:FIELD`, or `share:FIELD=VALUE` (1 when equal, else 0).
         */
        signals: z.array(z.string().min(1)).min(1),
        min_group_size: positiveInt.optional(),
      })
      .strict()
      .optional(),
  },
  check: (config) =>
    (config.bias?.signals ?? []).flatMap((signal, i) => {
      const message = signalError(signal);
      return message ? [{ path: ['bias', 'signals', i], message }] : [];
    }),
  start(config, run) {
    const bias = config.bias ?? defaultBias(run);
    const projections: Record<string, unknown>[] = [];
    return {
      add(record) {
        if (!bias) return;
        const projection: Record<string, unknown> = {};
        for (const field of bias.groups) setPath(projection, field, valueKey(getPath(record, field)));
        bias.signals.forEach((signal, s) => {
          projection[`__signal_${s}`] = signalValue(record, signal);
        });
        projections.push(projection);
      },
      finish({ records }): BiasEntries {
        if (!bias || records === 0) return { bias: null };
        // Each signal was computed per record (share: is not a form bias-audit.ts reads) and stored
        // under a plain key, since a signal's own text may hold dots the audit would read as a path.
        const names = bias.signals.map((_, s) => `__signal_${s}`);
        const audit = demographicAudit(projections, { groupColumns: bias.groups, signals: names, minGroupSize: bias.min_group_size ?? BIAS_MIN_GROUP_SIZE });
        projections.length = 0;
        const rename = (name: string) => bias.signals[Number(name.slice('__signal_'.length))] ?? name;
        const renameKeys = <T>(values: Record<string, T>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [rename(k), v]));
        return {
          bias: {
            records: audit.records,
            columns: audit.columns.map((c) => ({
              column: c.column,
              groups: c.groups.map((g) => ({ ...g, means: renameKeys(g.means), measured: renameKeys(g.measured) })),
            })),
            gaps: audit.gaps.map((gap) => ({ ...gap, signal: rename(gap.signal) })),
          },
        };
      },
    };
  },
  report: { sections: (m, links) => [biasSection(m, links)] },
});

function signalError(signal: string): string | undefined {
  if (signal.startsWith('share:')) return /^share:[^=]+=.*$/.test(signal) ? undefined : 'expected share:FIELD=VALUE, e.g. share:sentiment=negative';
  if (signal.startsWith('length:') || signal.startsWith('chars:')) return signal.split(':')[1] ? undefined : `expected ${signal.split(':')[0]}:FIELD`;
  return undefined;
}

/** Default audit of a run whose recipe samples a persona: age band, gender, region against text lengths and the judge score. */
function defaultBias(run: EvaluationRun): BiasSettings | undefined {
  const groups = (run.recipe?.personaFields ?? []).filter((f) => /\.(age_band|gender|region)$/.test(f));
  if (groups.length === 0 || run.columns.length === 0) return undefined;
  const signals = run.columns.map((c) => `length:${c}`);
  const judgeField = judgeScoreFieldOf(run.settings);
  if (run.head.some((r) => typeof getPath(r, judgeField) === 'number')) signals.push(judgeField);
  return { groups, signals };
}

function biasSection(m: CoreMetrics & BiasEntries, links?: ReportLinks): Html {
  const b = m.bias;
  if (!b) return html``;
  const gaps = b.gaps.slice(0, 8);
  const charts = b.gaps.slice(0, 4).map((gap) => {
    const column = b.columns.find((c) => c.column === gap.column)!;
    const rows = column.groups
      .filter((g) => g.means[gap.signal] !== null)
      .map((g) => ({
        label: `${g.value} (n=${g.count})`,
        value: g.means[gap.signal]!,
        highlight: g.value === gap.highest.group || g.value === gap.lowest.group,
        href: links?.records(valueFilter(gap.column, g.value)),
      }));
    return html`<div class="chart-box"><h3>${gap.signal} by ${gap.column}</h3>${barsSvg(rows, { title: `${gap.signal} by ${gap.column}`, width: 520 })}</div>`;
  });
  return html`<section id="bias"><h2>Bias audit</h2>
<p class="note">Per-group means of each signal; gap = highest − lowest group mean (95% interval, Welch), d = Cohen's effect size (0.2 small, 0.5 medium, 0.8 large), p = two-sided test of the gap; for a yes/no signal, χ² tests whether it depends on the group at all. Groups with fewer than ${num(BIAS_MIN_GROUP_SIZE)} records (or the configured <code>min_group_size</code>) are hidden from the gaps: their means are mostly noise.</p>
${
  gaps.length
    ? table(
        ['group column', 'signal', 'highest', 'lowest', 'gap [95% CI]', 'relative gap', 'd', 'p', 'χ² p', 'hidden groups'],
        gaps.map((g) => [
          html`<code>${g.column}</code>`,
          html`<code>${g.signal}</code>`,
          `${g.highest.group} (${num(g.highest.mean)})`,
          `${g.lowest.group} (${num(g.lowest.mean)})`,
          g.gapCi ? `${num(g.gap)} [${num(g.gapCi[0])}, ${num(g.gapCi[1])}]` : num(g.gap),
          pct(g.relativeGap),
          num(g.effectSize, 2),
          num(g.p, 3),
          g.chiSquare ? num(g.chiSquare.p, 3) : '–',
          num(g.hiddenGroups),
        ]),
        { numeric: [4, 5, 6, 7, 8, 9] },
      )
    : html`<p class="note">No gaps: fewer than two groups with at least the minimum number of records.</p>`
}
<div class="charts">${charts}</div>
${b.columns.map((c) => html`<h3>${c.column}: records per group</h3><p class="note">${c.groups.map((g) => `${g.value}: ${num(g.count)}`).join(' · ')}</p>`)}</section>`;
}
