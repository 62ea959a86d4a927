import { getPath } from '../../core/field-path.js';
import { cellText, html, query, type Html } from '../html.js';
import { FILTER_OPS, PII_FIELD, PII_TYPE_FIELD, type DatasetPage, type DatasetQuery } from '../dataset-index.js';
import type { CatalogRun } from '../run-catalog.js';

export interface DatasetView {
  run: CatalogRun;
  src: string;
  title: string;
  q: DatasetQuery;
  page: DatasetPage;
  piiProgress: number;
}

/** The whole browser page: the filter form and, inside #results, the table (which htmx replaces). */
export function datasetPage(v: DatasetView): Html {
  const { q } = v;
  const fields = [...v.page.columns, PII_FIELD, PII_TYPE_FIELD];
  return html`<h1>${v.run.name} · ${v.title}</h1>
<form class="filters" id="filters" hx-get="/runs/${v.run.id}/data" hx-target="#results" hx-push-url="true" hx-trigger="submit, change from:select">
<input type="hidden" name="src" value="${v.src}">
<label>Search <input type="search" name="q" value="${q.q ?? ''}" placeholder="full-text search" data-key="/"></label>
<label>Field <select name="field"><option value="">(any)</option>${fields.map((f) => html`<option value="${f}"${f === q.field ? ' selected' : ''}>${f}</option>`)}</select></label>
<label>Test <select name="op">${FILTER_OPS.map((o) => html`<option value="${o}"${o === q.op ? ' selected' : ''}>${o}</option>`)}</select></label>
<label>Value <input name="value" value="${q.value ?? ''}" placeholder="between: lo..hi"></label>
<label>Sort <select name="sort"><option value="">(order)</option>${fields.map((f) => html`<option value="${f}"${f === q.sort ? ' selected' : ''}>${f}</option>`)}</select></label>
<label>Direction <select name="dir"><option value="asc"${q.dir === 'asc' ? ' selected' : ''}>ascending</option><option value="desc"${q.dir === 'desc' ? ' selected' : ''}>descending</option></select></label>
<label>Per page <select name="size">${[25, 50, 100, 200].map((n) => html`<option${n === q.size ? ' selected' : ''}>${n}</option>`)}</select></label>
<button class="primary" type="submit">Apply</button></form>
<div id="results">${datasetResults(v)}</div>`;
}

const SHOWN_COLUMNS = 8;

export function datasetResults(v: DatasetView): Html {
  const { q, page } = v;
  const pages = Math.max(1, Math.ceil(page.total / q.size));
  const shown = page.columns.filter((c) => c !== '_id').slice(0, SHOWN_COLUMNS);
  const link = (p: number) =>
    `/runs/${v.run.id}/data${query({ src: v.src, q: q.q, field: q.field, op: q.field ? q.op : undefined, value: q.value, sort: q.sort, dir: q.sort ? q.dir : undefined, size: q.size, page: p })}`;
  const sortLink = (c: string) =>
    `/runs/${v.run.id}/data${query({ src: v.src, q: q.q, field: q.field, op: q.field ? q.op : undefined, value: q.value, sort: c, dir: q.sort === c && q.dir === 'asc' ? 'desc' : 'asc', size: q.size })}`;
  return html`${page.indexing ? indexingNotice(page.indexing, link(q.page)) : ''}<div class="pager"><span id="total" data-total="${page.total}">${page.total.toLocaleString('en-US')} records${page.indexing ? ' so far' : ''}</span>
<span class="muted">page ${q.page + 1} of ${pages} · ${page.ms.toFixed(0)} ms${!page.indexing && v.piiProgress < 1 ? ` · PII scan ${(v.piiProgress * 100).toFixed(0)}%` : ''}</span>
${q.page > 0 ? html`<a href="${link(q.page - 1)}" hx-get="${link(q.page - 1)}" hx-target="#results" hx-push-url="true" data-key="p">← previous</a>` : ''}
${q.page + 1 < pages ? html`<a href="${link(q.page + 1)}" hx-get="${link(q.page + 1)}" hx-target="#results" hx-push-url="true" data-key="n" id="next-page">next →</a>` : ''}</div>
<div class="table-wrap"><table id="records"><thead><tr><th class="num">_id</th>${shown.map((c) => html`<th><a href="${sortLink(c)}" hx-get="${sortLink(c)}" hx-target="#results" hx-push-url="true">${c}${q.sort === c ? (q.dir === 'asc' ? ' ▲' : ' ▼') : ''}</a></th>`)}<th class="num">PII</th></tr></thead>
<tbody>${page.rows.map(
    (r) =>
      html`<tr data-id="${r.rid}"><td class="num"><a href="/runs/${v.run.id}/records/${r.rid}${query({ src: v.src === 'db' ? undefined : v.src, row: v.src === 'db' ? undefined : r.id })}">${r.rid}</a></td>${shown.map((c) => html`<td>${cellText(getPath(r.record, c.split('.')))}</td>`)}<td class="num">${r.pii || ''}</td></tr>`,
  )}</tbody></table></div>`;
}

/**
 * Shown while the dataset is still going into the index: what the page covers, and a request for
 * the same view a second later (htmx swaps it in), until loading is done.
 */
function indexingNotice(p: NonNullable<DatasetPage['indexing']>, again: string): Html {
  const of = p.expected ? ` of ${p.expected.toLocaleString('en-US')}` : '';
  const pct = p.expected ? ` (${Math.floor((100 * p.loaded) / p.expected)}%)` : '';
  return html`<p class="notice" id="indexing" data-indexing="${p.loaded}" hx-get="${again}" hx-trigger="load delay:1s" hx-target="#results">Indexing: ${p.loaded.toLocaleString('en-US')}${of} records read so far${pct}. Counts, pages and sorting cover those; this view updates itself until all are in.</p>`;
}
