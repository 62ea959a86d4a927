import { html, type Html } from '../html.js';
import type { CatalogRun } from '../run-catalog.js';
import type { RunStatus } from '../run-status.js';

export function runsPage(runs: readonly CatalogRun[]): Html {
  return html`<h1>Runs</h1>
<div class="table-wrap"><table id="runs"><thead><tr><th>Run</th><th>Status</th><th>Progress</th><th class="num">Records</th><th class="num">Valid</th><th class="num">Flagged</th><th class="num">Failed cells</th><th>Rate / ETA</th><th>Tokens and cost per model</th><th class="num">Reviewed</th></tr></thead>
<tbody>${runs.map(
    (run) =>
      html`<tr id="run-${run.id}" hx-get="/runs/${run.id}/status" hx-trigger="load, every 1s" hx-swap="outerHTML"><td><a href="/runs/${run.id}">${run.name}</a></td><td colspan="9" class="muted">loading…</td></tr>`,
  )}</tbody></table></div>`;
}

/** One row of the runs table; polled every second, and stops polling once the run is not running. */
export function statusRow(run: CatalogRun, s: RunStatus): Html {
  const pct = s.target ? Math.min(100, (100 * s.done) / s.target) : 0;
  const poll = s.state === 'running' ? html` hx-get="/runs/${run.id}/status" hx-trigger="every 1s" hx-swap="outerHTML"` : '';
  return html`<tr id="run-${run.id}" data-state="${s.state}" data-done="${s.done}"${poll}>
<td><a href="/runs/${run.id}">${run.name}</a></td>
<td><span class="pill ${s.state}">${s.state}</span></td>
<td><progress max="100" value="${pct.toFixed(1)}" title="${s.done} of ${s.target}"></progress> <span class="muted">${pct.toFixed(0)}%</span></td>
<td class="num progress-done">${s.done} / ${s.target}</td><td class="num">${s.valid}</td><td class="num">${s.flagged}</td>
<td class="num${s.failedCells ? ' bad' : ''}">${s.failedCells}${s.failures.length ? html`<div class="muted">${s.failures.map((f) => `${f.column}: ${f.reason} ${f.count}`).join('; ')}</div>` : ''}</td>
<td>${s.rate !== undefined ? `${s.rate.toFixed(1)} rec/s` : '–'}${s.etaSeconds !== undefined ? ` · ETA ${formatDuration(s.etaSeconds)}` : ''}</td>
<td>${s.models.map((m) => html`<div>${m.model}: ${m.calls} calls, ${m.inputTokens}+${m.outputTokens} tokens${m.cost !== undefined ? ` · $${m.cost.toFixed(4)}` : ''}</div>`)}${s.cost !== undefined ? html`<div><b>$${s.cost.toFixed(4)}</b></div>` : ''}</td>
<td class="num">${s.reviewed}</td></tr>`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}
