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

// Alternatives, not one character class: a class holding combining marks (U+034F) is easy to misread.
const INVISIBLE =
  /\u00AD|\u034F|\u061C|\u115F|\u1160|\u17B4|\u17B5|[\u180B-\u180F]|[\u200B-\u200F]|[\u202A-\u202E]|[\u2060-\u206F]|\u3164|[\uFE00-\uFE0F]|\uFEFF|\uFFA0/gu;
const TAG_CHARS = /[\u{E0000}-\u{E007F}]/gu;

/** Latin look-alikes in other scripts (a subset of Unicode TR39 confusables.txt). */
const CONFUSABLES: Record<string, string> = {
  а: 'a',
  в: 'b',
  с: 'c',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'i',
  ї: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  ԛ: 'q',
  ѕ: 's',
  т: 't',
  у: 'y',
  х: 'x',
  ԝ: 'w',
  ү: 'y',
  ɡ: 'g',
  А: 'A',
  В: 'B',
  С: 'C',
  Е: 'E',
  Н: 'H',
  І: 'I',
  Ј: 'J',
  К: 'K',
  М: 'M',
  О: 'O',
  Р: 'P',
  Ѕ: 'S',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  Ү: 'Y',
  Ԝ: 'W',
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  օ: 'o',
  ս: 'u',
  ց: 'g',
  ո: 'n',
  հ: 'h',
  ɑ: 'a',
  ı: 'i',
  ℓ: 'l',
  ԁ: 'd',
  ӏ: 'l',
  Ӏ: 'I',
  ɩ: 'i',
  ϲ: 'c',
  Ϲ: 'C',
  ϳ: 'j',
  ѵ: 'v',
  ԍ: 'G',
};
const CONFUSABLE_RE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'gu');
const HAS_CONFUSABLE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'u');

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

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '').replace(TAG_CHARS, '');
}

const LATIN_LETTER = /[A-Za-z]/;
const LATIN_LETTERS = /[A-Za-z]/g;
const CYRILLIC_GREEK_ARMENIAN_LETTERS = /[\u0370-\u03FF\u0400-\u052F\u0531-\u058F]/g;
/** Words (letters and marks), so look-alikes are judged by the word they stand in. */
const WORD = /[\p{L}\p{M}]+/gu;

/**
 * Look-alike letters folded to Latin where they disguise Latin text: in words that mix them with
 * Latin letters, and in words made only of look-alikes when the text has more Latin letters than
 * Cyrillic, Greek or Armenian ones. Text written in those alphabets is left as it is.
 */
export function foldConfusables(text: string): string {
  if (!HAS_CONFUSABLE.test(text)) return text;
  const latin = text.match(LATIN_LETTERS)?.length ?? 0;
  const other = text.match(CYRILLIC_GREEK_ARMENIAN_LETTERS)?.length ?? 0;
  const mostlyLatin = latin > other;
  return text.replace(WORD, (word) => {
    let allConfusable = true;
    let anyConfusable = false;
    for (const ch of word) {
      if (CONFUSABLES[ch] !== undefined) anyConfusable = true;
      else if (!LATIN_LETTER.test(ch)) allConfusable = false;
    }
    if (!anyConfusable) return word;
    if (!LATIN_LETTER.test(word) && !(allConfusable && mostlyLatin)) return word;
    return word.replace(CONFUSABLE_RE, (c) => CONFUSABLES[c] ?? c);
  });
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
