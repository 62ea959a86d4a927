/**
 * A record's lineage: its fields (PII spans highlighted), and for each model-written column the
 * exact prompts sent (from the run's prompts table when the run kept them), few-shot examples
 * used, passages and their sources, the raw reply, repairs, reasoning, token confidence and
 * safety notes; the curation trail with judge rationales; and the review history.
 */
import { scanPii } from '../../safety/pii/scan-pii.js';
import { html, type Html } from '../html.js';
import type { CatalogRun } from '../run-catalog.js';
import type { ReviewDecision } from '../../review/review-decisions-schema.js';

export interface CellLineage {
  col: string;
  value: unknown;
  ok: boolean;
  error: string | null;
  reason: string | null;
  raw: string | null;
  reasoning: string | null;
  logprobs: { mean?: number; min?: number } | null;
  fewShot: unknown;
  sources: unknown;
  attempts: number;
  safety: unknown;
}

export interface CallLineage {
  id: number;
  col: string | null;
  model: string;
  cached: boolean;
  inputTokens: number;
  outputTokens: number;
  reply: string | null;
  messages: { role: string; content: unknown }[] | null;
}

export interface RecordView {
  run: CatalogRun;
  idx: number;
  record: Record<string, unknown>;
  cells: CellLineage[];
  calls: CallLineage[];
  promptsKept: boolean;
  trail: unknown;
  history: ReviewDecision[];
}

export function recordPage(v: RecordView): Html {
  const fields = Object.entries(v.record);
  return html`<h1>${v.run.name} · record ${v.idx}</h1>
<p><a href="/runs/${v.run.id}/review?idx=${v.idx}">Review this record</a> · <a href="/runs/${v.run.id}/data">back to the records</a></p>
<h2>Fields</h2>
<div class="table-wrap"><table id="fields"><tbody>${fields.map(([k, value]) => html`<tr><th>${k}</th><td>${fieldValue(value)}</td></tr>`)}</tbody></table></div>
<h2>Model-written columns</h2>
${
  v.cells.length
    ? v.cells.map((c) =>
        cellSection(
          c,
          v.calls.filter((call) => call.col === c.col),
          v.promptsKept,
        ),
      )
    : html`<p class="muted">No model-written cells for this record.</p>`
}
${v.trail ? html`<h2>Curation trail and judge rationales</h2><pre id="trail">${JSON.stringify(v.trail, null, 2)}</pre>` : ''}
<h2>Review history</h2>
${v.history.length ? reviewHistory(v.history) : html`<p class="muted">Nobody has reviewed this record.</p>`}`;
}

export function reviewHistory(history: readonly ReviewDecision[]): Html {
  return html`<div class="table-wrap"><table class="history"><thead><tr><th>v</th><th>When</th><th>Reviewer</th><th>Action</th><th>Field</th><th>Before</th><th>After</th><th>Reason</th></tr></thead><tbody>${history.map(
    (d) =>
      html`<tr${d.undone ? html` class="muted"` : ''}><td>${d.version}</td><td>${d.at}</td><td>${d.reviewer}</td><td>${d.action}${d.undone ? ' (undone)' : ''}</td><td>${d.field ?? ''}</td><td>${d.before === null ? '' : JSON.stringify(d.before)}</td><td>${d.value === null ? '' : JSON.stringify(d.value)}</td><td>${d.reason ?? ''}</td></tr>`,
  )}</tbody></table></div>`;
}

function cellSection(c: CellLineage, calls: CallLineage[], promptsKept: boolean): Html {
  const confidence = typeof c.logprobs?.mean === 'number' ? Math.exp(c.logprobs.mean) : undefined;
  return html`<section class="cell"><h3>${c.col} ${c.ok ? html`<span class="pill">ok</span>` : html`<span class="pill stopped">${c.reason ?? 'failed'}</span>`}</h3>
<p>Attempts: ${c.attempts} (repairs: ${Math.max(0, c.attempts - 1)})${confidence !== undefined ? ` · token confidence ${confidence.toFixed(3)} (mean log-prob ${c.logprobs!.mean!.toFixed(3)}, min ${c.logprobs!.min?.toFixed(3) ?? '–'})` : ''}${c.error ? html` · <span class="bad">${c.error}</span>` : ''}</p>
${c.fewShot ? html`<p>Few-shot examples used (indexes in the examples file): ${JSON.stringify(c.fewShot)}</p>` : ''}
${Array.isArray(c.sources) && c.sources.length ? html`<p>Retrieved passages:</p><ul class="sources">${(c.sources as Record<string, unknown>[]).map((s) => html`<li>${String(s.source ?? '')} [${String(s.start ?? '')}–${String(s.end ?? '')}] ${s.score !== undefined ? `score ${String(s.score)}` : ''} <span class="muted">${String(s.id ?? '')}</span></li>`)}</ul>` : ''}
${c.reasoning ? html`<p>Reasoning:</p><pre>${c.reasoning}</pre>` : ''}
${c.raw !== null ? html`<p>Raw reply:</p><pre class="raw">${c.raw}</pre>` : ''}
${c.safety ? html`<p>Safety notes:</p><pre>${JSON.stringify(c.safety, null, 2)}</pre>` : ''}
${calls.length ? html`<details open><summary>${calls.length} model call(s)</summary>${calls.map((call, i) => callBlock(call, i, promptsKept))}</details>` : ''}</section>`;
}

function callBlock(call: CallLineage, i: number, promptsKept: boolean): Html {
  return html`<div class="call"><p><b>${i === 0 ? 'First attempt' : `Repair ${i}`}</b>: ${call.model}, ${call.inputTokens}+${call.outputTokens} tokens${call.cached ? ' (cached)' : ''}</p>
${call.messages ? html`<p>Prompt sent:</p>${call.messages.map((m) => html`<pre class="prompt"><b>${m.role}</b>\n${typeof m.content === 'string' ? m.content : JSON.stringify(m.content, null, 2)}</pre>`)}` : html`<p class="muted">${promptsKept ? 'Prompt not kept for this call.' : 'This run predates prompt storage; the prompt was not kept.'}</p>`}
${call.reply ? html`<p>Reply:</p><pre>${call.reply}</pre>` : ''}</div>`;
}

/** A field's value: text with PII spans marked, other values as JSON (text escaped either way). */
export function fieldValue(value: unknown): Html {
  if (value !== null && typeof value === 'object') return html`<pre>${JSON.stringify(value, null, 2)}</pre>`;
  if (typeof value !== 'string') return html`${JSON.stringify(value)}`;
  return html`<div class="text">${highlightPii(value)}</div>`;
}

export function highlightPii(text: string): Html {
  const spans = scanPii(text).sort((a, b) => a.start - b.start);
  const parts: Html[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    parts.push(html`${text.slice(at, s.start)}`, html`<mark data-type="${s.type}" title="${s.type}">${text.slice(s.start, s.end)}</mark>`);
    at = s.end;
  }
  parts.push(html`${text.slice(at)}`);
  return html`${parts}`;
}
