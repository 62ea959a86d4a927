/**
 * Lexical diversity on equal amounts of text. Distinct-n and compression ratio depend on how much
 * text they see: a side that wrote 24 fragments of five words "wins" distinct-1 over a side that
 * wrote 24 paragraphs, because short texts repeat less. Both sides are cut to about the same
 * number of words (the smaller side's total) before measuring, and the cut is spread over every
 * text (each keeps its first k words, k as large as the budget allows), so the longer side is
 * not judged on its first one or two texts alone.
 */
import { compressionRatio } from '../../src/evaluate/metrics/compression-ratio.js';
import { distinctN } from '../../src/evaluate/metrics/distinct-n.js';

/** Each text cut to its first k words, k the largest (at least 1) that keeps the total within `budget`. */
export function spreadWords(texts: readonly string[], budget: number): string[] {
  const words = texts.map((t) => t.split(/\s+/).filter(Boolean));
  const total = (k: number) => words.reduce((n, w) => n + Math.min(w.length, k), 0);
  let k = 1;
  while (k < Math.max(...words.map((w) => w.length), 1) && total(k + 1) <= budget) k++;
  return words.map((w) => w.slice(0, k).join(' '));
}

const wordCount = (texts: readonly string[]) => texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0);

/** Distinct-1/2 and compression ratio of both sides over the same number of words. */
export function lengthMatched(sides: { recipe: readonly string[]; naive: readonly string[] }): {
  /** The word budget each side is cut to (the smaller side's total). */
  words: number;
  recipe: Record<string, number>;
  naive: Record<string, number>;
} {
  const words = Math.min(wordCount(sides.recipe), wordCount(sides.naive));
  const measure = (texts: readonly string[]) => {
    const cut = spreadWords(texts, words);
    return { distinct_1: distinctN(cut, 1), distinct_2: distinctN(cut, 2), compression_ratio: compressionRatio(cut) };
  };
  return { words, recipe: measure(sides.recipe), naive: measure(sides.naive) };
}
