/**
 * Fairness quotas (`fairness:` in evaluate.yaml): records per group (the cross product of the
 * group fields, e.g. age band x gender x region) against target shares, with the shortfall per
 * group and a chi-square goodness-of-fit test of achieved against target (metrics/fairness-quotas.ts).
 * `synthkit generate --top-up` fills short groups; this section shows whether they were filled.
 * metrics.json: `fairness`; report: Fairness quotas.
 */
import { z } from 'zod';
import { fieldPath } from '../config-fields.js';
import type { CoreMetrics } from '../core-metrics.js';
import { defineMetric } from '../evaluation-metric.js';
import { groupKeyOf, measureQuotas, type QuotaReport } from '../metrics/fairness-quotas.js';
import { card, formatNumber as num, formatPercent, html, table, type Html } from '../report/html.js';

export interface FairnessEntries {
  fairness: QuotaReport | null;
}

export const fairnessMetric = defineMetric({
  name: 'fairness',
  config: {
    fairness: z
      .object({
        /** Group fields (paths), e.g. [persona.age_band, persona.gender]. */
        columns: z.array(fieldPath).min(1),
        /** Share per group key, values joined by "|" in column order; default equal shares over the groups seen. */
        target: z.record(z.string(), z.number().nonnegative()).optional(),
        /** The record count targets are counted against (default: the records evaluated). */
        total: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
  },
  start({ fairness: settings }) {
    const keys: Record<string, string>[] = [];
    return {
      add(record) {
        if (!settings) return;
        const key = groupKeyOf(record, settings.columns);
        // Only the key is kept, so memory grows with the groups' names, not the records' texts.
        keys.push(key === undefined ? {} : { key });
      },
      finish: (): FairnessEntries => ({
        fairness: settings ? measureQuotas(keys, { columns: ['key'], target: settings.target }, settings.total ?? keys.length) : null,
      }),
    };
  },
  report: {
    cards: (m) => (m.fairness ? [card('fairness quotas', m.fairness.met ? 'met' : 'short', m.fairness.met ? 'good' : 'bad')] : []),
    sections: (m) => [fairnessSection(m)],
  },
});

function fairnessSection(m: CoreMetrics & FairnessEntries): Html {
  const f = m.fairness;
  if (!f) return html``;
  const rows = f.groups.map((g) => [g.group, formatPercent(g.targetShare), g.targetCount, g.achieved, g.shortfall]);
  const { statistic, df, pValue } = f.test;
  return html`<section id="fairness"><h2>Fairness quotas</h2>
<p>Records per group against the target shares of ${f.total} records. Chi-square goodness of fit: ${num(statistic, 2)} (df ${df}), p = ${num(pValue, 4)}${pValue < 0.05 ? ': the achieved spread differs from the target at the 5% level' : ''}.${f.outside ? ` ${f.outside} record(s) fall in groups without a target.` : ''}</p>
${table(['group', 'target share', 'target', 'achieved', 'short'], rows, { numeric: [1, 2, 3, 4] })}</section>`;
}
