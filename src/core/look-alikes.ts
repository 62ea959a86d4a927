/**
 * Disguises that make one text pass for another: invisible format characters and Latin
 * look-alike letters from other scripts (Cyrillic "а" in "pаypal"). Both the injection screen
 * (an attack spelt to slip past its rules) and deduplication (a copy spelt to pass as new) undo
 * them the same way, so the table and the rule for when to fold live here once.
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

/** The text without invisible format characters and Unicode tag characters. */
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
