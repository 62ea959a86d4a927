/**
 * The quality report: one self-contained HTML page (inline CSS, inline SVG, no script), built
 * from metrics.json's numbers so the page and the file never disagree. After the headline cards
 * and the thresholds come the records by value (explore-section.ts), each registered metric's
 * sections, in registry order, then model usage.
 * A section is left out when its metric was not measured. All record text is escaped (see html.ts).
 */
import type { CoreMetrics } from '../core-metrics.js';
import { EVALUATION_METRICS, type MetricRegistry } from '../metric-registry.js';
import { card, formatNumber as num, html, table, type Html } from './html.js';
import { exploreSection } from './explore-section.js';
import { findingsOf, findingsSection } from './findings.js';
import type { ReportLinks } from './report-links.js';
import { REPORT_CSS } from './styles.js';

export interface RenderReportOptions {
  /** Where charts and record ids lead (synthkit studio passes its own); none in report.html. */
  links?: ReportLinks;
}

export function renderReport(m: CoreMetrics, metrics: MetricRegistry = EVALUATION_METRICS, options: RenderReportOptions = {}): string {
  const cards = [
    card('status', m.passed ? 'passed' : 'failed', m.passed ? 'good' : 'bad'),
    card('records', num(m.records)),
    ...metrics.flatMap((metric) => metric.report?.cards?.(m) ?? []),
  ];
  const sections = [
    html`<section id="summary"><div class="cards">${cards}</div></section>`,
    findingsSection(m.findings ?? findingsOf(m), options.links),
    thresholds(m),
    exploreSection(m, options.links),
    ...metrics.flatMap((metric) => metric.report?.sections?.(m, options.links) ?? []),
    models(m),
  ];
  return page(
    `Quality report: ${m.input}`,
    html`
<header class="top"><h1>Quality report</h1><div class="muted"><code>${m.input}</code> · ${num(m.records)} records · text columns: ${m.columns.join(', ') || 'none found'}</div></header>
${sections}`,
  );
}

export function page(title: string, body: Html): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html`${title}`}</title><style>${REPORT_CSS}</style></head>
<body><main>${body}</main></body></html>
`;
}

function thresholds(m: CoreMetrics): Html {
  if (m.thresholds.length === 0) return html``;
  const failed = m.thresholds.filter((t) => !t.passed);
  const rows = m.thresholds.map(
    (t) =>
      html`<tr class="${t.passed ? '' : 'failed'}"><td><code>${t.metric}</code></td><td class="num">${num(t.value)}</td><td class="num">${t.min ?? '–'}</td><td class="num">${t.max ?? '–'}</td><td><span class="status ${t.passed ? 'pass' : 'fail'}">${t.passed ? 'pass' : 'FAIL'}</span></td></tr>`,
  );
  return html`<section id="thresholds"><h2>Thresholds</h2>
${failed.length ? html`<ul class="failed">${failed.map((t) => html`<li>${t.message}</li>`)}</ul>` : html`<p><span class="status pass">all ${m.thresholds.length} thresholds passed</span></p>`}
<div class="table-wrap"><table><thead><tr><th>metric</th><th class="num">value</th><th class="num">min</th><th class="num">max</th><th>result</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

function models(m: CoreMetrics): Html {
  if (m.models.length === 0) return html``;
  return html`<section id="models"><h2>Model usage</h2>${table(
    ['model', 'calls', 'cached', 'input tokens', 'output tokens', 'cost'],
    m.models.map((u) => [
      u.model,
      num(u.calls),
      num(u.cachedCalls),
      num(u.inputTokens),
      num(u.outputTokens),
      u.cost === undefined ? '–' : `$${u.cost.toFixed(4)}`,
    ]),
    { numeric: [1, 2, 3, 4, 5] },
  )}</section>`;
}
