import { barsSvg } from '../../evaluate/report/svg-charts.js';
import type { CurationDecisions, DecisionBar } from '../curation-decisions.js';
import { Html, html, query } from '../html.js';
import { datasetLink } from '../report-links.js';
import type { CatalogRun } from '../run-catalog.js';

export interface ReportView {
  run: CatalogRun;
  rel: string;
  n: number;
  /** The dataset the report evaluated, which its charts lead to: 'db' or `f<N>`, and its name. */
  src: string;
  dataset: string;
  /** False when the report is shown as stored (no metrics.json beside it): its charts lead nowhere. */
  linked: boolean;
  curation?: CurationDecisions;
}

/**
 * The evaluation report inside the studio: the report.html content, rendered from the
 * metrics.json beside it with links, in a frame of its own (no scripts, CSP-sandboxed) that may
 * navigate this window only when clicked: a chart bar opens its records in the dataset browser.
 * Curation's decisions and reasons, when the run was curated, lead to curated/all.jsonl the same way.
 */
export function reportPage(v: ReportView): Html {
  const { run } = v;
  return html`<h1>${run.name} · ${v.rel}</h1>
<p class="muted">${
    v.linked
      ? html`Hover a chart's bars for exact figures; click one to open its records in <a href="/runs/${run.id}/data${query({ src: v.src === 'db' ? undefined : v.src })}">${v.dataset}</a>.`
      : html`Shown as stored (no metrics.json beside it): hover a chart for its figures.`
  }</p>
${v.curation ? curationPanel(run, v.curation) : ''}
<iframe class="report" sandbox="allow-same-origin allow-top-navigation-by-user-activation" src="/runs/${run.id}/report.html${query({ n: v.n })}" title="evaluation report"></iframe>`;
}

/** A chart from the report's SVG code (its own escaping; every label in it is escaped there). */
const chart = (svg: { value: string }) => new Html(svg.value);

function curationPanel(run: CatalogRun, c: CurationDecisions): Html {
  const rows = (bars: readonly DecisionBar[]) =>
    bars.map((b) => ({
      label: b.label,
      value: b.count,
      note: `${b.count.toLocaleString('en-US')} · ${c.records ? ((100 * b.count) / c.records).toFixed(1) : '0'}%`,
      tip: `${b.label}: ${b.count.toLocaleString('en-US')} of ${c.records.toLocaleString('en-US')} records`,
      href: b.filter && c.src ? datasetLink(run.id, c.src, b.filter) : undefined,
    }));
  return html`<details class="curation" open><summary>Curation decisions (curated/summary.json)${c.src ? ': click a bar to list its records in curated/all.jsonl' : ''}</summary>
<div class="charts"><div class="chart-box"><h3>Decisions</h3>${chart(barsSvg(rows(c.decisions), { title: 'records per curation decision', width: 520 }))}</div>
${c.reasons.length ? html`<div class="chart-box"><h3>Reasons</h3>${chart(barsSvg(rows(c.reasons), { title: 'records per curation reason', width: 620 }))}</div>` : ''}</div></details>`;
}

export function comparePage(runs: readonly CatalogRun[], a: string | undefined, b: string | undefined, available: ReadonlySet<string>): Html {
  const options = (selected: string | undefined) =>
    runs.map(
      (r) =>
        html`<option value="${r.id}"${r.id === selected ? ' selected' : ''}${available.has(r.id) ? '' : ' disabled'}>${r.name}${available.has(r.id) ? '' : ' (no metrics.json)'}</option>`,
    );
  return html`<h1>Compare runs</h1>
<form class="filters" action="/compare" method="get"><label>Run A <select name="a">${options(a)}</select></label><label>Run B <select name="b">${options(b)}</select></label><button class="primary" type="submit">Compare</button></form>
${a && b ? html`<iframe class="report" sandbox="" src="/compare/view${query({ a, b })}" title="comparison"></iframe>` : html`<p class="muted">Pick two evaluated runs.</p>`}`;
}
