import { html, query, type Html } from '../html.js';
import type { CatalogRun } from '../run-catalog.js';

/**
 * The evaluation report inside the studio: the same report.html, in a sandboxed frame (its
 * own origin-less document, no scripts), so its inline SVG charts keep their hover titles.
 */
export function reportPage(run: CatalogRun, rel: string, n: number): Html {
  return html`<h1>${run.name} · ${rel}</h1><iframe class="report" sandbox="" src="/runs/${run.id}/report.html${query({ n })}" title="evaluation report"></iframe>`;
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
