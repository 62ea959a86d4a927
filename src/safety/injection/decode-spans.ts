/**
 * Finds text hidden in encodings inside a longer text: base64 and hex runs, percent-encoding, and
 * the whole text read as rot13. Each decoded variant is screened like plain text, so "aWdub3Jl..."
 * is caught as what it decodes to. A decoded run counts only when it reads as text (mostly
 * printable), so ids and hashes that happen to be valid base64 are not screened as words.
 */

export interface DecodedVariant {
  /** How it was decoded: 'base64', 'hex', 'url', 'rot13', 'leet', 'tags'. */
  via: string;
  text: string;
}

const BASE64_RUN = /(?:[A-Za-z0-9+/]{4}){4,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?|(?:[A-Za-z0-9_-]{4}){5,}/g;
const HEX_RUN = /\b(?:[0-9a-fA-F]{2}[\s:]?){12,}\b/g;
const URL_RUN = /(?:%[0-9A-Fa-f]{2}[^\s%]{0,3}){4,}/g;

/** Share of characters that are printable text; decoded binary scores low. */
function printableShare(text: string): number {
  if (!text) return 0;
  let good = 0;
  for (const ch of text) if (/[\p{L}\p{N}\p{P}\p{Zs}\n\r\t]/u.test(ch)) good++;
  return good / [...text].length;
}

function readsAsText(text: string): boolean {
  return text.length >= 8 && printableShare(text) > 0.9 && /[a-z]{3}/i.test(text) && /\s/.test(text);
}

export function decodeBase64Runs(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(BASE64_RUN)) {
    const run = m[0];
    if (!/[0-9+/=_-]|[a-z].*[A-Z]|[A-Z].*[a-z]/.test(run)) continue;
    const decoded = Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    if (readsAsText(decoded)) out.push(decoded);
  }
  return out;
}

export function decodeHexRuns(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(HEX_RUN)) {
    const decoded = Buffer.from(m[0].replace(/[\s:]/g, ''), 'hex').toString('utf8');
    if (readsAsText(decoded)) out.push(decoded);
  }
  return out;
}

export function decodeUrlRuns(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(URL_RUN)) {
    try {
      const decoded = decodeURIComponent(m[0]);
      if (readsAsText(decoded)) out.push(decoded);
    } catch {
      // Not valid percent-encoding: nothing hidden there.
    }
  }
  return out;
}

const MORSE: Record<string, string> = {
  '.-': 'a',
  '-...': 'b',
  '-.-.': 'c',
  '-..': 'd',
  '.': 'e',
  '..-.': 'f',
  '--.': 'g',
  '....': 'h',
  '..': 'i',
  '.---': 'j',
  '-.-': 'k',
  '.-..': 'l',
  '--': 'm',
  '-.': 'n',
  '---': 'o',
  '.--.': 'p',
  '--.-': 'q',
  '.-.': 'r',
  '...': 's',
  '-': 't',
  '..-': 'u',
  '...-': 'v',
  '.--': 'w',
  '-..-': 'x',
  '-.--': 'y',
  '--..': 'z',
};

/** Morse code (letters split by spaces, words by two spaces or '/'), when most of the text is dots and dashes. */
export function decodeMorse(text: string): string | undefined {
  const code = text.trim();
  if (code.length < 20 || (code.match(/[.\-\s/]/g)?.length ?? 0) / code.length < 0.95) return undefined;
  const words = code.split(/\s{2,}|\s*\/\s*/).map((w) =>
    w
      .split(/\s+/)
      .map((l) => MORSE[l] ?? '')
      .join(''),
  );
  const decoded = words.join(' ').trim();
  return readsAsText(decoded) ? decoded : undefined;
}

/** Letters split by hyphens or underscores joined again ("i-nstruction" -> "instruction"), a common way round word lists. */
export function joinSplitWords(text: string): string {
  return text.replace(/([A-Za-z])[-_]+(?=[A-Za-z])/g, '$1');
}

export function rot13(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** Every decoded reading of `text` worth screening (the plain reading is not included). */
export function decodedVariants(text: string): DecodedVariant[] {
  const variants: DecodedVariant[] = [];
  for (const t of decodeBase64Runs(text)) variants.push({ via: 'base64', text: t });
  for (const t of decodeHexRuns(text)) variants.push({ via: 'hex', text: t });
  for (const t of decodeUrlRuns(text)) variants.push({ via: 'url', text: t });
  variants.push({ via: 'rot13', text: rot13(text) });
  const morse = decodeMorse(text);
  if (morse) variants.push({ via: 'morse', text: morse });
  const joined = joinSplitWords(text);
  if (joined !== text) variants.push({ via: 'joined', text: joined });
  return variants;
}
