/**
 * Undoes the cheap disguises attackers put on instructions so the heuristics read what a model
 * would read: Unicode compatibility forms (fullwidth, mathematical letters: NFKC), look-alike
 * letters from other scripts (Cyrillic "а", Greek "ο"), invisible characters (zero-width joiners,
 * bidi overrides, Unicode "tag" characters, which also smuggle whole ASCII strings: each tag
 * character U+E0020..U+E007E mirrors one printable ASCII character), letters spaced out
 * ("i g n o r e") and leetspeak ("1gn0r3"). Each step is a pure function; `normaliseText` runs them
 * in order. The Unicode TR39 confusables table is far larger; this keeps the letters that occur in
 * practice (the Latin look-alikes of the Cyrillic, Greek and Armenian alphabets).
 *
 * The screen also reads other languages, so two steps are careful not to destroy them:
 * - look-alikes are folded only where they disguise Latin text: in a word that mixes them with
 *   Latin letters ("іgnоrе"), or in a word made only of look-alikes ("ѕау") when the text is mostly
 *   Latin; Russian or Greek text keeps its own letters;
 * - accents are dropped from Latin letters only ("précédentes" -> "precedentes", and Zalgo marks
 *   go with them), so the rules for French, German, Spanish or Portuguese are written once without
 *   accents; the vowel signs of Devanagari or Tamil are left alone. Arabic loses its optional
 *   vowel marks and tatweel, and its alef variants are folded to the bare alef.
 */
import { foldConfusables, stripInvisible } from '../../core/look-alikes.js';

export { foldConfusables, stripInvisible } from '../../core/look-alikes.js';

const TAG_CHARS = /[\u{E0000}-\u{E007F}]/gu;

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i', '|': 'l' };

/** Hidden ASCII carried by Unicode tag characters, decoded (empty when there is none). */
export function decodeTagCharacters(text: string): string {
  let out = '';
  for (const ch of text.matchAll(TAG_CHARS)) {
    const cp = ch[0].codePointAt(0)! - 0xe0000;
    if (cp >= 0x20 && cp < 0x7f) out += String.fromCharCode(cp);
  }
  return out;
}

const LATIN_WITH_MARKS = /([A-Za-z])\p{M}+/gu;
/** Latin letters with accents, or a combining mark of the ranges Latin text uses. */
const LATIN_ACCENTABLE = /[\u00C0-\u024F\u1E00-\u1EFF]|\p{Mn}/u;
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
const ARABIC_ALEF = /[\u0622\u0623\u0625\u0671]/g;

/** Accents off Latin letters ("é" -> "e", Zalgo marks too); letters of other scripts keep their marks. */
export function stripLatinAccents(text: string): string {
  // Only a Latin letter beyond ASCII or a combining mark can carry an accent (a fast path for the common case).
  if (!LATIN_ACCENTABLE.test(text)) return text;
  return text.normalize('NFD').replace(LATIN_WITH_MARKS, '$1').normalize('NFC');
}

/** Arabic without its optional vowel marks and tatweel, alef variants (أ إ آ ٱ) folded to ا. */
export function foldArabic(text: string): string {
  if (!/[\u0600-\u06FF]/.test(text)) return text;
  return text.replace(ARABIC_MARKS, '').replace(ARABIC_ALEF, '\u0627');
}

/** "i g n o r e" / "i.g.n.o.r.e" / "i-g-n-o-r-e" -> "ignore": runs of four or more single letters. */
export function joinSpacedLetters(text: string): string {
  return text.replace(/\b(?:[A-Za-z][ .\-_*]{1,2}){3,}[A-Za-z]\b/g, (run) => run.replace(/[ .\-_*]/g, ''));
}

/** Leetspeak inside words that mix letters and digits/symbols ("1gn0r3" -> "ignore"); plain numbers are left alone. */
export function foldLeet(text: string): string {
  return text.replace(/[A-Za-z0-9@$!|]+/g, (word) =>
    /[A-Za-z]/.test(word) && /[0-9@$!|]/.test(word) ? word.replace(/[0134579@$!|]/g, (c) => LEET[c] ?? c) : word,
  );
}

/**
 * The text as the heuristics read it: NFKC, invisible characters out, look-alikes folded, accents
 * off Latin letters, Arabic marks off, spacing undone.
 */
export function normaliseText(text: string): string {
  return joinSpacedLetters(foldArabic(stripLatinAccents(foldConfusables(stripInvisible(text.normalize('NFKC'))))));
}
