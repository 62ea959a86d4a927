/**
 * HTML building blocks for the reports. Every piece of data goes through `escapeHtml` (text and
 * attribute values alike), so a record holding `<script>` or `" onerror=` renders as inert text.
 * Markup is built only from literals in this code; `Html` marks a string as already safe.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A string of trusted markup (built by this module's callers from literals and escaped data). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Tagged template: interpolated values are escaped unless they are `Html` (or arrays of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

/** A number for people: integers with separators, fractions to 3 significant decimals, NaN as "–". */
export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  if (abs >= 100) return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
  return value.toFixed(abs >= 10 ? 2 : digits);
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return `${(value * 100).toFixed(1)}%`;
}

/** A table from header labels and rows of cells (strings are escaped, Html is kept). */
export function table(
  headers: readonly (string | Html)[],
  rows: readonly (readonly unknown[])[],
  options: { numeric?: readonly number[]; className?: string } = {},
): Html {
  const numeric = new Set(options.numeric ?? []);
  const cls = (i: number) => (numeric.has(i) ? new Html(' class="num"') : '');
  return html`<div class="table-wrap"><table${options.className ? new Html(` class="${escapeHtml(options.className)}"`) : ''}><thead><tr>${headers.map((h, i) => html`<th${cls(i)}>${h}</th>`)}</tr></thead><tbody>${rows.map(
    (row) => html`<tr>${row.map((cell, i) => html`<td${cls(i)}>${cell}</td>`)}</tr>`,
  )}</tbody></table></div>`;
}

/** One headline card of the summary strip at the top of the report. */
export function card(label: string, value: string, tone?: 'bad' | 'good'): Html {
  return html`<div class="card${tone ? new Html(` ${tone}`) : ''}"><div class="label">${label}</div><div class="value">${value}</div></div>`;
}

/** `text` with [start, end) wrapped in <mark>, everything escaped. */
export function highlight(text: string, start: number, end: number, label?: string): Html {
  return html`${text.slice(0, start)}<mark${label ? new Html(` title="${escapeHtml(label)}"`) : ''}>${text.slice(start, end)}</mark>${text.slice(end)}`;
}
