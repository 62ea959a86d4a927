/**
 * Markup for the studio's pages. Every interpolated value is escaped (text and attribute values
 * alike) unless it is `Html` built by this code; records are hostile, so bidirectional controls
 * (an RTL override can make `gpj.exe` read as `exe.jpg`) are shown as visible markers too.
 * Nothing from a record ever becomes a URL, an attribute name or a script.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };
// LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/[&<>"'`]/g, (c) => ESCAPES[c])
    .replace(BIDI, (c) => `<span class="bidi" title="bidirectional control">[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]</span>`);
}

/** Escapes for an attribute value: the same, but a bidi control becomes text, never markup. */
export function escapeAttr(value: unknown): string {
  return String(value)
    .replace(/[&<>"'`]/g, (c) => ESCAPES[c])
    .replace(BIDI, (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase()}]`);
}

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Tagged template: values are escaped unless they are Html (or arrays of it); null/undefined/false render nothing. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) {
    // A value right after `="` sits inside an attribute: no markup may appear there.
    const inAttr = /=\s*"[^"]*$/.test(strings[i]);
    out += render(values[i], inAttr) + strings[i + 1];
  }
  return new Html(out);
}

function render(value: unknown, inAttr: boolean): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map((v) => render(v, inAttr)).join('');
  if (value === undefined || value === null || value === false) return '';
  return inAttr ? escapeAttr(value) : escapeHtml(value);
}

/** A value shown in a table cell: strings as text, other values as compact JSON, long ones cut. */
export function cellText(value: unknown, max = 160): string {
  // Floating-point noise (-0.15000000000000002) is shown to 6 significant digits; the record page has the exact value.
  const text =
    typeof value === 'string'
      ? value
      : value === undefined
        ? ''
        : typeof value === 'number' && !Number.isInteger(value)
          ? String(Number(value.toPrecision(6)))
          : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A query string from fixed keys; values are percent-encoded. */
export function query(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [`${k}=${encodeURIComponent(String(v))}`]));
  return parts.length ? `?${parts.join('&')}` : '';
}
