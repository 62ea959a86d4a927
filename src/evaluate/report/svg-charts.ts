/**
 * Small inline SVG charts, drawn here so the report opens offline with no chart library: a
 * histogram, horizontal bars with labels, and a heat map of counts. Every label is escaped.
 * Colours: one blue from the report's palette on white (contrast 5.2:1 for text), and a
 * sequential blue scale for the heat map with the cell text switching to white on dark cells.
 *
 * Every bar, bin and cell carries a <title> with its exact figures, which browsers show on hover
 * with no script; a bin or bar row has a transparent hit area the full height of its slot, so a
 * short (or empty) one can be pointed at too. Given a link (`href`, `binHref`), the element is an
 * <a target="_top"> to it: inside synthkit studio, a bar opens its records in the dataset
 * browser. Links must be paths on the same server (safeHref); anything else is dropped.
 */
import { escapeHtml as esc, formatNumber, formatPercent, Html } from './html.js';
import type { Histogram } from '../../core/quantiles.js';
import { safeHref } from './report-links.js';

const BAR = '#2563eb';
const AXIS = '#6b7280';
const TEXT = '#1f2937';
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="11"';

/**
 * A histogram with labelled axes: y ticks at 0, a half and the top (gridlines behind the bars), x
 * ticks at up to six bin edges, the x label under them and "records" up the y axis. Sized for
 * reading (560 x 260 by default); the SVG scales down with its box.
 */
export function histogramSvg(
  h: Histogram,
  options: {
    title: string;
    xLabel?: string;
    yLabel?: string;
    width?: number;
    height?: number;
    integerEdges?: boolean;
    /** Where bin i leads (its records), if anywhere. */
    binHref?: (i: number) => string | undefined;
  },
): Html {
  const width = options.width ?? 560;
  const height = options.height ?? 260;
  const pad = { left: 58, right: 16, top: 14, bottom: 48 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const max = niceCeiling(Math.max(1, ...h.counts));
  const barW = h.counts.length === 0 ? 0 : plotW / h.counts.length;
  const edgeText = (v: number) => (options.integerEdges ? formatNumber(Math.ceil(v)) : formatNumber(v, Math.abs(v) < 1 ? 2 : 3));
  const yLabel = options.yLabel ?? 'records';
  const total = h.counts.reduce((a, b) => a + b, 0);
  const bars = h.counts
    .map((count, i) => {
      const barH = (count / max) * plotH;
      const x = pad.left + i * barW;
      const lo = h.edges[i];
      const hi = h.edges[i + 1];
      const last = i === h.counts.length - 1;
      const range = options.integerEdges
        ? `${formatNumber(Math.ceil(lo))}–${formatNumber(last ? Math.floor(hi) : Math.ceil(hi) - 1)}`
        : `${formatNumber(lo)} to ${last ? '' : 'under '}${formatNumber(hi)}`;
      const tip = `${options.xLabel ? `${options.xLabel} ` : ''}${range}: ${exact(count)} ${yLabel}${total ? ` (${formatPercent(count / total)} of ${exact(total)})` : ''}`;
      const w = Math.max(0.5, barW - 1).toFixed(1);
      const body =
        `<title>${esc(tip)}</title>` +
        `<rect class="hit" x="${x.toFixed(1)}" y="${pad.top}" width="${w}" height="${plotH}" fill="#000" fill-opacity="0"/>` +
        `<rect class="bar" x="${x.toFixed(1)}" y="${(pad.top + plotH - barH).toFixed(1)}" width="${w}" height="${barH.toFixed(1)}" fill="${BAR}" rx="1"/>`;
      return linked('bin', body, options.binHref?.(i));
    })
    .join('');
  let grid = '';
  for (const f of [0, 0.5, 1]) {
    const y = pad.top + plotH - f * plotH;
    grid +=
      `<line x1="${pad.left}" y1="${y.toFixed(1)}" x2="${width - pad.right}" y2="${y.toFixed(1)}" stroke="${f === 0 ? AXIS : '#e5e7eb'}"/>` +
      `<text x="${pad.left - 6}" y="${(y + 4).toFixed(1)}" fill="${AXIS}" ${FONT} text-anchor="end">${esc(formatNumber(Math.round(f * max)))}</text>`;
  }
  let ticks = '';
  if (h.edges.length > 1) {
    const step = Math.max(1, Math.ceil((h.edges.length - 1) / 5));
    for (let k = 0; k < h.edges.length; k += step) {
      const x = pad.left + k * barW;
      ticks += `<line x1="${x.toFixed(1)}" y1="${pad.top + plotH}" x2="${x.toFixed(1)}" y2="${pad.top + plotH + 4}" stroke="${AXIS}"/><text x="${x.toFixed(1)}" y="${pad.top + plotH + 16}" fill="${AXIS}" ${FONT} text-anchor="middle">${esc(edgeText(h.edges[k]))}</text>`;
    }
    if ((h.edges.length - 1) % step !== 0) {
      const x = pad.left + plotW;
      ticks += `<line x1="${x}" y1="${pad.top + plotH}" x2="${x}" y2="${pad.top + plotH + 4}" stroke="${AXIS}"/><text x="${x}" y="${pad.top + plotH + 16}" fill="${AXIS}" ${FONT} text-anchor="end">${esc(edgeText(h.edges[h.edges.length - 1]))}</text>`;
    }
  }
  return new Html(
    `<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${esc(options.title)}</title>` +
      grid +
      bars +
      ticks +
      (options.xLabel ? `<text x="${pad.left + plotW / 2}" y="${height - 8}" fill="${TEXT}" ${FONT} text-anchor="middle">${esc(options.xLabel)}</text>` : '') +
      `<text transform="translate(14,${pad.top + plotH / 2}) rotate(-90)" fill="${TEXT}" ${FONT} text-anchor="middle">${esc(yLabel)}</text>` +
      `</svg>`,
  );
}

/** The smallest 1, 2 or 5 x 10^k at or above `x`, so the top tick is a round number. */
function niceCeiling(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * power >= x) return m * power;
  return 10 * power;
}

export interface BarRow {
  label: string;
  value: number;
  /** Text shown after the bar (default the formatted value). */
  note?: string;
  highlight?: boolean;
  /** Shown on hover (default `label: value`, the value unrounded). */
  tip?: string;
  /** Where the row leads (its records), if anywhere. */
  href?: string;
}

export function barsSvg(rows: readonly BarRow[], options: { title: string; width?: number }): Html {
  const width = options.width ?? 560;
  const rowH = 22;
  const labelW = 170;
  const noteW = 90;
  const height = rows.length * rowH + 8;
  const max = Math.max(...rows.map((r) => Math.abs(r.value)), 1e-12);
  const plotW = width - labelW - noteW;
  const body = rows
    .map((row, i) => {
      const y = 4 + i * rowH;
      const w = (Math.abs(row.value) / max) * plotW;
      const label = row.label.length > 26 ? `${row.label.slice(0, 25)}…` : row.label;
      const body =
        `<title>${esc(row.tip ?? `${row.label}: ${exact(row.value)}`)}</title>` +
        `<rect class="hit" x="0" y="${y}" width="${width}" height="${rowH}" fill="#000" fill-opacity="0"/>` +
        `<text x="${labelW - 8}" y="${y + 15}" fill="${TEXT}" ${FONT} text-anchor="end">${esc(label)}</text>` +
        `<rect class="bar" x="${labelW}" y="${y + 3}" width="${Math.max(1, w).toFixed(1)}" height="${rowH - 8}" fill="${row.highlight ? '#b45309' : BAR}" rx="2"/>` +
        `<text x="${labelW + w + 6}" y="${y + 15}" fill="${TEXT}" ${FONT}>${esc(row.note ?? formatNumber(row.value))}</text>`;
      return linked('bar-row', body, row.href);
    })
    .join('');
  return new Html(
    `<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${esc(options.title)}</title>${body}</svg>`,
  );
}

/** A grid of counts: rows are the first attribute's values, columns the second's. */
export function heatmapSvg(
  rows: readonly string[],
  columns: readonly string[],
  counts: ReadonlyMap<string, number>,
  options: { title: string; rowLabel: string; columnLabel: string },
): Html {
  const cell = Math.max(28, Math.min(64, Math.floor(640 / Math.max(1, columns.length))));
  const labelW = 170;
  const headerH = 110;
  const width = labelW + columns.length * cell + 10;
  const height = headerH + rows.length * cell + 10;
  const max = Math.max(1, ...counts.values());
  const key = (r: string, c: string) => `${r}\u0000${c}`;
  let body = '';
  columns.forEach((c, j) => {
    const x = labelW + j * cell + cell / 2;
    const label = c.length > 18 ? `${c.slice(0, 17)}…` : c;
    body += `<text transform="translate(${x + 4},${headerH - 6}) rotate(-45)" fill="${TEXT}" ${FONT}>${esc(label)}<title>${esc(c)}</title></text>`;
  });
  rows.forEach((r, i) => {
    const y = headerH + i * cell;
    const label = r.length > 26 ? `${r.slice(0, 25)}…` : r;
    body += `<text x="${labelW - 8}" y="${y + cell / 2 + 4}" fill="${TEXT}" ${FONT} text-anchor="end">${esc(label)}<title>${esc(r)}</title></text>`;
    columns.forEach((c, j) => {
      const count = counts.get(key(r, c)) ?? 0;
      const t = count / max;
      const fill = count === 0 ? '#fef2f2' : blueScale(t);
      const textFill = count === 0 ? '#b91c1c' : t > 0.55 ? '#ffffff' : TEXT;
      const x = labelW + j * cell;
      body +=
        `<rect x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="${fill}" rx="3"><title>${esc(r)} × ${esc(c)}: ${count}</title></rect>` +
        `<text x="${x + (cell - 2) / 2}" y="${y + cell / 2 + 3}" fill="${textFill}" ${FONT} text-anchor="middle">${count === 0 ? '0' : esc(compact(count))}</text>`;
    });
  });
  return new Html(
    `<svg class="chart heatmap" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${esc(options.title)}</title>` +
      `<text x="4" y="14" fill="${AXIS}" ${FONT}>rows: ${esc(options.rowLabel)} · columns: ${esc(options.columnLabel)}</text>${body}</svg>`,
  );
}

/** A group, or a link to `href` (a same-server path) that navigates the top window. */
function linked(cls: string, body: string, href: string | undefined): string {
  const safe = safeHref(href);
  return safe ? `<a class="${cls}" href="${esc(safe)}" target="_top">${body}</a>` : `<g class="${cls}">${body}</g>`;
}

/** A figure as it is, for hover text: integers with separators, other numbers to 6 significant digits. */
function exact(n: number): string {
  if (!Number.isFinite(n)) return formatNumber(n);
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(Number(n.toPrecision(6)));
}

/** From blue-50 (#eff6ff) to blue-900 (#1e3a8a), linear in RGB. */
function blueScale(t: number): string {
  const from = [0xdb, 0xea, 0xfe];
  const to = [0x1e, 0x3a, 0x8a];
  const mix = from.map((f, i) => Math.round(f + (to[i] - f) * Math.min(1, Math.max(0, t))));
  return `#${mix.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  return String(n);
}
