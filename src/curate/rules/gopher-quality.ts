/**
 * Gopher quality filter: Rae et al. 2021, "Scaling Language Models: Methods, Analysis & Insights
 * from Training Gopher", appendix A.1.1 ("Quality filtering"), also datatrove's GopherQualityFilter.
 *
 * The published thresholds were set for web pages; a synthetic record (one feedback entry, one
 * answer) is far shorter, so `min_words: 50` drops nearly all of them. Lower it for short records
 * (the healthhub example uses 3) and keep the ratio checks, which hold at any length.
 */
import { ruleResult, type RuleResult } from './rule-result.js';
import { bareWord, hasLetter, isSymbolOnly, nonBlankLines, whitespaceWords } from './text-stats.js';

export interface GopherQualityOptions {
  min_words: number;
  max_words: number;
  min_mean_word_length: number;
  max_mean_word_length: number;
  max_symbol_word_ratio: number;
  max_bullet_lines_ratio: number;
  max_ellipsis_lines_ratio: number;
  min_alpha_words_ratio: number;
  min_stop_words: number;
  stop_words: string[];
}

export const GOPHER_QUALITY_DEFAULTS: GopherQualityOptions = {
  // "between 50 and 100,000 words"
  min_words: 50,
  max_words: 100_000,
  // "mean word length is outside the range of 3 to 10 characters"
  min_mean_word_length: 3,
  max_mean_word_length: 10,
  // "symbol-to-word ratio greater than 0.1 for either the hash symbol or the ellipsis"
  max_symbol_word_ratio: 0.1,
  // "more than 90% of lines starting with a bullet point"
  max_bullet_lines_ratio: 0.9,
  // "more than 30% ending with an ellipsis"
  max_ellipsis_lines_ratio: 0.3,
  // "at least 80% of words in a document contain at least one alphabetic character"
  min_alpha_words_ratio: 0.8,
  // "apply a 'stop word' filter, to remove documents that do not contain at least two of the
  // following English words: the, be, to, of, and, that, have, with"
  min_stop_words: 2,
  stop_words: ['the', 'be', 'to', 'of', 'and', 'that', 'have', 'with'],
};

const BULLETS = ['•', '-', '*', '‣', '◦', '⁃'];

export function gopherQuality(text: string, options: Partial<GopherQualityOptions> = {}): RuleResult {
  const o = { ...GOPHER_QUALITY_DEFAULTS, ...options };
  const words = whitespaceWords(text);
  // Ratios are per non-symbol word, as in datatrove: a stray "-" is not a word of the text.
  const realWords = words.filter((w) => !isSymbolOnly(w));
  const n = realWords.length;
  const meanWordLength = n ? realWords.reduce((s, w) => s + bareWord(w).length, 0) / n : 0;
  const hashRatio = n ? count(text, '#') / n : 0;
  const ellipsisRatio = n ? (count(text, '...') + count(text, '…')) / n : 0;
  const lines = nonBlankLines(text);
  const bulletLines = lines.filter((l) => BULLETS.some((b) => l.trimStart().startsWith(b))).length;
  const ellipsisLines = lines.filter((l) => /(\.\.\.|…)\s*$/u.test(l)).length;
  const bulletRatio = lines.length ? bulletLines / lines.length : 0;
  const ellipsisLineRatio = lines.length ? ellipsisLines / lines.length : 0;
  const alphaRatio = n ? words.filter(hasLetter).length / n : 0;
  const stopWords = new Set(o.stop_words.map((w) => w.toLowerCase()));
  const stopWordCount = words.filter((w) => stopWords.has(bareWord(w))).length;

  return ruleResult(
    {
      words: n,
      mean_word_length: meanWordLength,
      hash_word_ratio: hashRatio,
      ellipsis_word_ratio: ellipsisRatio,
      bullet_lines_ratio: bulletRatio,
      ellipsis_lines_ratio: ellipsisLineRatio,
      alpha_words_ratio: alphaRatio,
      stop_words: stopWordCount,
    },
    [
      n < o.min_words && `fewer than ${o.min_words} words`,
      n > o.max_words && `more than ${o.max_words} words`,
      (meanWordLength < o.min_mean_word_length || meanWordLength > o.max_mean_word_length) &&
        `mean word length outside [${o.min_mean_word_length}, ${o.max_mean_word_length}]`,
      hashRatio > o.max_symbol_word_ratio && `hash-to-word ratio above ${o.max_symbol_word_ratio}`,
      ellipsisRatio > o.max_symbol_word_ratio && `ellipsis-to-word ratio above ${o.max_symbol_word_ratio}`,
      bulletRatio > o.max_bullet_lines_ratio && `more than ${pct(o.max_bullet_lines_ratio)} of lines start with a bullet`,
      ellipsisLineRatio > o.max_ellipsis_lines_ratio && `more than ${pct(o.max_ellipsis_lines_ratio)} of lines end with an ellipsis`,
      alphaRatio < o.min_alpha_words_ratio && `fewer than ${pct(o.min_alpha_words_ratio)} of words have a letter`,
      stopWordCount < o.min_stop_words && `fewer than ${o.min_stop_words} stop words`,
    ],
  );
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
