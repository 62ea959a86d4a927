/**
 * Side-by-side page for `synthkit compare`: the metric deltas (coloured by whether the change is
 * an improvement), and each run's length histograms and thresholds next to each other.
 */
import type { ComparisonRow } from '../compare-evaluations.js';
import type { EvaluationMetrics } from '../evaluation-metrics.js';
import { formatNumber as num, html, type Html } from './html.js';
import { page } from './render-report.js';
import { histogramSvg } from './svg-charts.js';

export function renderComparison(nameA: string, nameB: string, a: EvaluationMetrics, b: EvaluationMetrics, rows: readonly ComparisonRow[]): string {
  const deltaCell = (row: ComparisonRow): Html => {
    if (row.delta === null) return html`–`;
    const sign = row.delta > 0 ? '+' : '';
    const improved = row.better === null || row.delta === 0 ? null : row.delta > 0 === (row.better === 'higher');
    const cls = improved === null ? '' : improved ? 'delta-up' : 'delta-down';
    return html`<span class="${cls}">${sign}${num(row.delta, 4)}</span>`;
  };
  const columns = [...new Set([...a.columns, ...b.columns])];
  const side = (m: EvaluationMetrics, name: string) =>
    html`<div class="chart-box"><h3>${name} · ${num(m.records)} records · <span class="status ${m.passed ? 'pass' : 'fail'}">${m.passed ? 'passed' : 'failed'}</span></h3>
${m.thresholds.filter((t) => !t.passed).map((t) => html`<p class="status fail">${t.message}</p>`)}
${columns.map((c) => (m.diversity[c] ? html`<p class="note">${c}: words</p>${histogramSvg(m.diversity[c].words_histogram, { title: `${name} ${c} length`, xLabel: 'words', integerEdges: true, width: 460 })}` : ''))}</div>`;
  return page(
    `Comparison: ${nameA} vs ${nameB}`,
    html`<header class="top"><h1>Comparison</h1><div class="muted">a = <code>${nameA}</code> · b = <code>${nameB}</code> · delta = b − a (green: better, red: worse)</div></header>
<section><h2>Metrics</h2><div class="table-wrap"><table><thead><tr><th>metric</th><th class="num">a</th><th class="num">b</th><th class="num">delta</th></tr></thead><tbody>${rows.map(
      (row) =>
        html`<tr><td><code>${row.metric}</code></td><td class="num">${num(row.a, 4)}</td><td class="num">${num(row.b, 4)}</td><td class="num">${deltaCell(row)}</td></tr>`,
    )}</tbody></table></div></section>
<section><h2>Side by side</h2><div class="charts">${side(a, 'a')}${side(b, 'b')}</div></section>`,
  );
}
