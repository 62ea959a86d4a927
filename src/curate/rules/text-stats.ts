/**
 * The text measures the quality rules share. Words are whitespace-separated tokens, as the
 * Gopher paper describes them; datatrove splits with an NLTK tokenizer instead, which also makes
 * punctuation marks separate tokens, so its counts differ slightly on punctuation-heavy text.
 */

export function whitespaceWords(text: string): string[] {
  return text.split(/\s+/u).filter((w) => w.length > 0);
}

/** Lines without their line ends; blank lines included. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/u);
}

export function nonBlankLines(text: string): string[] {
  return splitLines(text).filter((l) => l.trim() !== '');
}

export function hasLetter(word: string): boolean {
  return /\p{L}/u.test(word);
}

/** A word made only of punctuation and symbols ("-", "...", "#"). */
export function isSymbolOnly(word: string): boolean {
  return !/[\p{L}\p{N}]/u.test(word);
}

/** The word with surrounding punctuation removed and lower-cased, for stop-word matching. */
export function bareWord(word: string): string {
  return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase();
}

/**
 * Approximate token count: words and single punctuation marks, the way a GPT-2-style
 * pre-tokenizer splits text before BPE. A real BPE tokenizer gives at least this many.
 */
export function approximateTokens(text: string): number {
  return text.match(/[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu)?.length ?? 0;
}

/** Count of repeated elements and their characters, as datatrove's find_duplicates (first occurrence not counted). */
export function findDuplicates(items: string[]): { elements: number; chars: number } {
  const seen = new Set<string>();
  let elements = 0;
  let chars = 0;
  for (const item of items) {
    if (seen.has(item)) {
      elements++;
      chars += item.length;
    } else seen.add(item);
  }
  return { elements, chars };
}
