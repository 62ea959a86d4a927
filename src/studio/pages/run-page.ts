import { html, query, type Html } from '../html.js';
import type { CatalogRun, DatasetFile } from '../run-catalog.js';

export function runPage(run: CatalogRun, files: readonly DatasetFile[], reports: readonly string[]): Html {
  return html`<h1>${run.name}</h1>
<p class="muted">${run.dir}</p>
<div class="table-wrap"><table><thead><tr><th>Run</th><th>Status</th><th>Progress</th><th class="num">Records</th><th class="num">Valid</th><th class="num">Flagged</th><th class="num">Failed cells</th><th>Rate / ETA</th><th>Tokens and cost per model</th><th class="num">Reviewed</th></tr></thead>
<tbody><tr id="run-${run.id}" hx-get="/runs/${run.id}/status" hx-trigger="load" hx-swap="outerHTML"><td colspan="10">loading…</td></tr></tbody></table></div>
<h2>Browse</h2>
<ul><li><a href="/runs/${run.id}/data">Generated records (run database, live)</a></li>
${files.map((f, i) => html`<li><a href="/runs/${run.id}/data${query({ src: `f${i}` })}">${f.rel}</a></li>`)}</ul>
<h2>Review</h2>
<p><a href="/runs/${run.id}/review">Review queue</a> — most uncertain records first. <a href="/runs/${run.id}/review${query({ double: 1 })}">Second review</a> (records others decided, for agreement).</p>
<h2>Evaluation</h2>
${reports.length ? html`<ul>${reports.map((r, i) => html`<li><a href="/runs/${run.id}/report${query({ n: i })}">${r}</a></li>`)}</ul>` : html`<p class="muted">No report yet: run <code>synthkit evaluate</code> on this run.</p>`}`;
}
