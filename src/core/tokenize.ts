/**
 * The one word tokenizer every text metric shares, so that distinct-n, Self-BLEU, repetition and
 * leakage all count the same units.
 *
 * Rules:
 * - Unicode NFKC normalisation, then `toLowerCase()` (locale-independent, so results do not depend
 *   on the machine's locale).
 * - A word is a run of letters, digits and combining marks (`\p{L}\p{N}\p{M}`), optionally joined
 *   by an inner apostrophe ("don't", "o’clock" stay one word). Punctuation and symbols are dropped.
 * - Han, Hiragana and Katakana characters are one token each: those scripts do not separate words
 *   with spaces, and a character is the unit that character-level diversity studies use for them.
 *   Thai and other unsegmented scripts stay as runs (a known limitation: no dictionary segmenter).
 */
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const WORD_CHAR = `(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])`;
const WORD_PATTERN = new RegExp(`[${CJK}]|${WORD_CHAR}+(?:['’]${WORD_CHAR}+)*`, 'gu');

/** The lowercase words of `text`, in order. */
export function wordTokens(text: string): string[] {
  const lowered = text.normalize('NFKC').toLowerCase();
  const matches = lowered.match(WORD_PATTERN);
  if (matches === null) return [];
  // Normalise the typographic apostrophe so "don’t" and "don't" count as one word.
  for (let i = 0; i < matches.length; i++) {
    if (matches[i].includes('’')) matches[i] = matches[i].replaceAll('’', "'");
  }
  return matches;
}

/** The n-grams of `tokens` as space-joined strings (tokens never contain spaces). */
export function ngramKeys(tokens: readonly string[], n: number): string[] {
  const keys: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) keys.push(tokens.slice(i, i + n).join(' '));
  return keys;
}
