/**
 * "Records by value": the report's countable dimensions as bar charts, one bar per value of each
 * sampled attribute (coverage) and per kind of PII, from metrics.json (judge-score bins link from
 * the judge section). Each
 * bar shows its exact count and share on hover; inside synthkit studio (links given) a click
 * opens exactly those records in the dataset browser. The standalone report has no links.
 */
import type { CoreMetrics } from '../core-metrics.js';
import { formatNumber as num, formatPercent as pct, html, type Html } from './html.js';
import { type RecordFilter, type ReportLinks, valueFilter } from './report-links.js';
import { barsSvg, type BarRow } from './svg-charts.js';

/** Values drawn per attribute (most frequent first); the coverage table lists every column's spread. */
export const EXPLORE_VALUES_SHOWN = 15;

interface ValueCounts {
  column: string;
  records: number;
  counts: { value: string; count: number; share: number }[];
}

// biome-ignore lint/suspicious/noExplicitAny: reads optional sections of any registry's metrics, as findings.ts does
type Any = any;

export function exploreSection(metrics: CoreMetrics, links?: ReportLinks): Html {
  const m = metrics as Any;
  const to = (filter: RecordFilter) => links?.records(filter);
  const boxes: Html[] = [];
  for (const c of Object.values((m.coverage?.columns ?? {}) as Record<string, ValueCounts>)) {
    if (!c?.counts?.length) continue;
    const rows: BarRow[] = c.counts.slice(0, EXPLORE_VALUES_SHOWN).map((v) => ({
      label: v.value,
      value: v.count,
      note: `${num(v.count)} · ${pct(v.share)}`,
      tip: `${c.column} = ${v.value}: ${v.count.toLocaleString('en-US')} of ${Number(c.records).toLocaleString('en-US')} records (${pct(v.share)})`,
      href: to(valueFilter(c.column, v.value)),
    }));
    const more = c.counts.length - rows.length;
    boxes.push(
      html`<div class="chart-box"><h3>${c.column}</h3>${barsSvg(rows, { title: `${c.column}: records per value`, width: 480 })}${more > 0 ? html`<p class="note">… and ${num(more)} more values (the coverage section lists them)</p>` : ''}</div>`,
    );
  }
  const byType = Object.entries((m.pii?.by_type ?? {}) as Record<string, number>).filter(([, n]) => n > 0);
  if (byType.length) {
    const rows: BarRow[] = byType
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([type, n]) => ({
        label: type,
        value: n,
        note: `${num(n)} spans`,
        tip: `${type}: ${n.toLocaleString('en-US')} spans in the text columns`,
        href: to({ kind: 'pii', type }),
      }));
    boxes.push(html`<div class="chart-box"><h3>Personal data by type</h3>${barsSvg(rows, { title: 'PII spans by type', width: 480 })}</div>`);
  }
  if (boxes.length === 0) return html``;
  const how = links
    ? html`Hover a bar for its exact figures; <b>click it to open those records</b> in the dataset browser.`
    : html`Hover a bar for its exact figures. Opened in <code>synthkit studio</code>, a click on a bar lists those records.`;
  return html`<section id="explore"><h2>Records by value</h2><p class="note">${how}</p><div class="charts">${boxes}</div></section>`;
}
