/**
 * Text normalization for deduplication: two texts that differ only in case, spacing, punctuation
 * or Unicode presentation should count as the same text.
 *
 * The steps follow datatrove's `simplify_text` (datatrove/utils/text.py), which FineWeb's exact and
 * near deduplication hash over:
 * 1. Unicode NFKC, so compatibility forms agree: full-width "ＡＢＣ" -> "ABC", the ligature "ﬁ" -> "fi",
 *    "①" -> "1", non-breaking space -> space. NFKC (not NFC) because these variants are exactly
 *    the presentational noise that LLM outputs and scraped seeds differ in.
 * 2. Lowercase (after NFKC, so that folded compatibility letters are lowercased too).
 * 3. Punctuation (`\p{P}`) and symbols (`\p{S}`: currency, math, emoji) become a space, not
 *    nothing, as datatrove does: "end.Start" stays two words instead of fusing into one, and
 *    "well-known" and "well known" agree. Letters, marks and digits are kept; we do not strip
 *    diacritics ("café" and "cafe" differ: in many languages the accent changes the word).
 * 4. Whitespace runs (any `\s`, including newlines and tabs) collapse to one space; the ends are
 *    trimmed.
 * 5. Beyond datatrove, two disguises a copied text uses to pass as new (and LLM output and pasted
 *    text carry by accident), undone as the injection screen undoes them (core/look-alikes.ts):
 *    invisible characters (zero-width space and joiners, soft hyphen, bidi marks, variation
 *    selectors) are removed, so "he\u200bllo" is "hello"; and Cyrillic, Greek or Armenian
 *    look-alike letters that disguise Latin text ("pаypal" with a Cyrillic "а") become their Latin
 *    letters. Russian or Greek text keeps its own letters. The result is therefore a sequence of words separated by single spaces, which is
 *    what `wordShingles` and the MinHash shingler rely on.
 */

import { foldConfusables, stripInvisible } from '../../core/look-alikes.js';

const PUNCTUATION_OR_SYMBOL = /[\p{P}\p{S}]+/gu;
// Only what needs changing: a run of two or more whitespace characters, or a single one that is
// not a plain space. Replacing every single space with a space (`/\s+/`) would cost ~5x more on
// ordinary prose, and normalization runs on every document.
const WHITESPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/gu;

/** `text` reduced to lowercase words separated by single spaces (see the module comment). */
export function normalizeForDedup(text: string): string {
  return foldConfusables(stripInvisible(text.normalize('NFKC')))
    .toLowerCase()
    .replace(PUNCTUATION_OR_SYMBOL, ' ')
    .replace(WHITESPACE_TO_COLLAPSE, ' ')
    .trim();
}

/**
 * The word n-grams ("shingles") of `text` after `normalizeForDedup`, each joined by one space, in
 * order and with repeats kept. A text with fewer than `n` words (but at least one) yields a single
 * shingle of all its words, so short texts can still match each other rather than having no
 * shingles at all; an empty text yields none.
 */
export function wordShingles(text: string, n: number): string[] {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`wordShingles: n must be a positive integer, got ${n}`);
  }
  const normalized = normalizeForDedup(text);
  if (normalized === '') return [];
  const words = normalized.split(' ');
  if (words.length <= n) return [words.join(' ')];
  const shingles: string[] = [];
  for (let i = 0; i + n <= words.length; i++) shingles.push(words.slice(i, i + n).join(' '));
  return shingles;
}
