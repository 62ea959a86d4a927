import { html, query, type Html } from '../html.js';
import type { CatalogRun } from '../run-catalog.js';
import type { ReviewDecision } from '../../review/review-decisions-schema.js';
import type { ReviewerAgreement } from '../../review/reviewer-agreement.js';
import { highlightPii, reviewHistory } from './record-page.js';

export interface ReviewStats {
  total: number;
  reviewed: number;
  remaining: number;
  agreement: ReviewerAgreement;
  byReviewer: { reviewer: string; decisions: number; records: number }[];
}

export interface ReviewItem {
  idx: number;
  pos: number;
  double: boolean;
  /** The record with people's decisions applied. */
  record: Record<string, unknown>;
  version: number;
  reasons: string[];
  score: number;
  history: ReviewDecision[];
  labelField: string;
  labels: string[];
}

export function reviewPage(run: CatalogRun, stats: ReviewStats, item: ReviewItem | undefined, double: boolean): Html {
  return html`<h1>${run.name} · review${double ? ' (second review)' : ''}</h1>
<p class="muted">Keys: <kbd>a</kbd> accept · <kbd>r</kbd> reject · <kbd>e</kbd> edit the text (<kbd>Ctrl</kbd>+<kbd>Enter</kbd> saves) · <kbd>l</kbd> set a label · <kbd>u</kbd> undo · <kbd>s</kbd> skip · <kbd>x</kbd> export. Most uncertain records first.</p>
<div class="review"><div id="item">${itemView(run, item, double)}</div>
<aside><div id="review-stats">${statsView(stats)}</div>
<h2>Export</h2><form hx-post="/runs/${run.id}/export" hx-target="#export-result"><button type="submit" data-key="x">Write reviewed files</button></form><div id="export-result"></div></aside></div>`;
}

export function statsView(s: ReviewStats, oob = false): Html {
  const alpha = Number.isNaN(s.agreement.alpha) ? '–' : s.agreement.alpha.toFixed(3);
  return html`<div id="review-stats"${oob ? html` hx-swap-oob="true"` : ''}><div class="cards">
<div class="card">Reviewed<b id="reviewed-count">${s.reviewed}</b><span class="muted">of ${s.total}</span></div>
<div class="card">Remaining<b>${s.remaining}</b></div>
<div class="card">Agreement (α)<b id="alpha">${alpha}</b><span class="muted">${s.agreement.doublyReviewed} doubly reviewed</span></div></div>
<div class="table-wrap"><table><thead><tr><th>Reviewer</th><th class="num">Decisions</th><th class="num">Records</th></tr></thead><tbody>${s.byReviewer.map((r) => html`<tr><td>${r.reviewer}</td><td class="num">${r.decisions}</td><td class="num">${r.records}</td></tr>`)}</tbody></table></div></div>`;
}

export function itemView(run: CatalogRun, item: ReviewItem | undefined, double: boolean, notice?: Html): Html {
  if (!item) return html`${notice ?? ''}<p class="notice" id="queue-empty">The queue is empty: every record has a decision${double ? ' from you' : ''}.</p>`;
  const action = `/runs/${run.id}/review/decide`;
  const hidden = html`<input type="hidden" name="idx" value="${item.idx}"><input type="hidden" name="baseVersion" value="${item.version}"><input type="hidden" name="pos" value="${item.pos}">${double ? html`<input type="hidden" name="double" value="1">` : ''}`;
  // Longest text first: `e` edits the record's main text, not a short attribute.
  const textFields = Object.entries(item.record)
    .filter(([k, v]) => !k.startsWith('_') && typeof v === 'string' && k !== item.labelField)
    .sort((a, b) => (b[1] as string).length - (a[1] as string).length);
  const status = (item.record._review as { status?: string; edited?: boolean } | undefined) ?? undefined;
  const skip = `/runs/${run.id}/review/item${query({ pos: item.pos + 1, double: double ? 1 : undefined })}`;
  return html`${notice ?? ''}<section id="review-item" data-idx="${item.idx}" data-version="${item.version}">
<h2>Record <a href="/runs/${run.id}/records/${item.idx}">${item.idx}</a> <span class="muted">version ${item.version}${status ? ` · ${status.status}${status.edited ? ', edited by people' : ''}` : ''}</span></h2>
<p>Why it is here: ${item.reasons.length ? item.reasons.join('; ') : 'no uncertainty signal (queue order by index)'} <span class="muted">(uncertainty ${item.score})</span></p>
<div class="table-wrap"><table id="review-fields"><tbody>${Object.entries(item.record)
    .filter(([k]) => k !== '_review')
    .map(([k, v]) => html`<tr><th>${k}</th><td>${typeof v === 'string' ? highlightPii(v) : JSON.stringify(v)}</td></tr>`)}</tbody></table></div>
<form class="actions" hx-post="${action}" hx-target="#item">${hidden}
<input name="reason" placeholder="reason (optional)" size="30">
<button type="submit" name="action" value="accept" class="primary" data-key="a">Accept (a)</button>
<button type="submit" name="action" value="reject" data-key="r">Reject (r)</button></form>
${textFields.map(
  ([k, v], i) =>
    html`<form class="edit" hx-post="${action}" hx-target="#item">${hidden}<input type="hidden" name="action" value="edit"><input type="hidden" name="field" value="${k}">
<label>Edit ${k}<br><textarea name="value" rows="3" cols="80"${i === 0 ? html` data-key="e"` : ''}>${v}</textarea></label><br><button type="submit">Save edit (Ctrl+Enter)</button></form>`,
)}
<form class="actions" hx-post="${action}" hx-target="#item">${hidden}<input type="hidden" name="action" value="label">
<label>Label field <input name="field" value="${item.labelField}" size="12"></label>
<label>Label <input name="value" list="labels-${item.idx}" data-key="l" value="${typeof item.record[item.labelField] === 'string' ? (item.record[item.labelField] as string) : ''}"></label>
<datalist id="labels-${item.idx}">${item.labels.map((l) => html`<option value="${l}">`)}</datalist><button type="submit">Set label</button></form>
<div class="actions"><form hx-post="/runs/${run.id}/review/undo" hx-target="#item">${double ? html`<input type="hidden" name="double" value="1">` : ''}<button type="submit" data-key="u">Undo my last decision (u)</button></form>
<a href="${skip}" hx-get="${skip}" hx-target="#item" data-key="s">Skip (s)</a></div>
<h3>History</h3>${item.history.length ? reviewHistory(item.history) : html`<p class="muted">No decisions yet.</p>`}</section>`;
}

export function conflictNotice(message: string, latest: ReviewDecision | undefined): Html {
  return html`<div class="conflict" id="conflict" role="alert"><b>Not saved.</b> ${message}${
    latest
      ? html`<div>The other version: <b>${latest.reviewer}</b> chose <b>${latest.action}</b>${latest.field ? html` on <b>${latest.field}</b>` : ''}${latest.value !== null ? html` = <code>${JSON.stringify(latest.value)}</code>` : ''} at ${latest.at} (version ${latest.version}).</div>`
      : ''
  }<div>The record as it is now is below; decide again.</div></div>`;
}

export function savedNotice(d: ReviewDecision): Html {
  return html`<p class="notice" id="saved">Saved: ${d.action}${d.field ? ` ${d.field}` : ''} on record ${d.runIdx} by ${d.reviewer} (version ${d.version}). Press <kbd>u</kbd> to undo.</p>`;
}
