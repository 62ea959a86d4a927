/**
 * The two tokenizers of the grounding layer.
 *
 * `tokenSpans` approximates model tokens for chunk sizes: a run of letters/digits (with in-word
 * apostrophes) is one token, and every other non-space character is a token of its own. English
 * prose then counts about 1.15 tokens per word, close to what BPE tokenizers give for common
 * words (they split rare words further, so this undercounts jargon slightly). Offsets are kept so
 * chunk boundaries fall between tokens, never inside a word.
 *
 * `indexTerms` feeds BM25: lowercase words minus stopwords, folded by Harman's S-stemmer.
 */
import { isStopword } from './stopwords.js';

/** Word runs (letters, digits, underscore, in-word apostrophes) or a single other non-space char. */
const TOKEN = /[\p{L}\p{N}_]+(?:['’][\p{L}\p{N}_]+)*|[^\s\p{L}\p{N}_]/gu;
/** Index terms: word runs only; punctuation carries no topic. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

export interface TokenSpans {
  /** Number of tokens. */
  count: number;
  /** `starts[i]`/`ends[i]`: character offsets of token i in the text. */
  starts: Int32Array;
  ends: Int32Array;
}

export function tokenSpans(text: string): TokenSpans {
  let starts = new Int32Array(Math.max(16, text.length >> 2));
  let ends = new Int32Array(starts.length);
  let count = 0;
  for (const match of text.matchAll(TOKEN)) {
    if (count === starts.length) {
      const grownStarts = new Int32Array(starts.length * 2);
      const grownEnds = new Int32Array(starts.length * 2);
      grownStarts.set(starts);
      grownEnds.set(ends);
      starts = grownStarts;
      ends = grownEnds;
    }
    starts[count] = match.index;
    ends[count] = match.index + match[0].length;
    count++;
  }
  return { count, starts: starts.subarray(0, count), ends: ends.subarray(0, count) };
}

export function countTokens(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(TOKEN)) count++;
  return count;
}

/** BM25 terms of `text`, in order, repeats kept (term frequency matters). */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0].replace(/’/g, "'");
    if (isStopword(word)) continue;
    terms.push(sStem(word));
  }
  return terms;
}

/**
 * Harman's S-stemmer (D. Harman, "How effective is suffixing?", JASIS 42(1), 1991): folds English
 * plurals only, so "flats"/"flat" and "policies"/"policy" match while meaning-bearing suffixes stay.
 * The first matching rule applies:
 *   -ies -> -y   (unless -eies, -aies)
 *   -es  -> -e   (unless -aes, -ees, -oes)
 *   -s   -> ''   (unless -us, -ss)
 * Words under four letters and words with digits are left alone ("gas", "2024s").
 */
export function sStem(word: string): string {
  if (word.length < 4 || !word.endsWith('s') || /\d/.test(word)) return word;
  if (word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('es') && !word.endsWith('aes') && !word.endsWith('ees') && !word.endsWith('oes')) return word.slice(0, -1);
  if (word.endsWith('us') || word.endsWith('ss')) return word;
  return word.slice(0, -1);
}
