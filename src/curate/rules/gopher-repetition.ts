/**
 * Gopher repetition filter: Rae et al. 2021 ("Scaling Language Models ... Gopher"), appendix
 * A.1.1, table A1, computed as datatrove's GopherRepetitionFilter does. A document fails when
 * repeated lines, paragraphs or n-grams make up too much of it. The thresholds are the paper's;
 * on a short record one repeated sentence is already a large fraction, which is usually right
 * (a synthetic answer that repeats itself is a degenerate generation).
 */
import { ruleResult, type RuleResult } from './rule-result.js';
import { findDuplicates, whitespaceWords } from './text-stats.js';

export interface GopherRepetitionOptions {
  max_duplicate_line_fraction: number;
  max_duplicate_paragraph_fraction: number;
  max_duplicate_line_char_fraction: number;
  max_duplicate_paragraph_char_fraction: number;
  /** [n, max fraction of characters in the most frequent n-gram] */
  top_ngrams: [number, number][];
  /** [n, max fraction of characters in repeated n-grams] */
  duplicate_ngrams: [number, number][];
}

export const GOPHER_REPETITION_DEFAULTS: GopherRepetitionOptions = {
  max_duplicate_line_fraction: 0.3,
  max_duplicate_paragraph_fraction: 0.3,
  max_duplicate_line_char_fraction: 0.2,
  max_duplicate_paragraph_char_fraction: 0.2,
  top_ngrams: [
    [2, 0.2],
    [3, 0.18],
    [4, 0.16],
  ],
  duplicate_ngrams: [
    [5, 0.15],
    [6, 0.14],
    [7, 0.13],
    [8, 0.12],
    [9, 0.11],
    [10, 0.1],
  ],
};

export function gopherRepetition(text: string, options: Partial<GopherRepetitionOptions> = {}): RuleResult {
  const o = { ...GOPHER_REPETITION_DEFAULTS, ...options };
  const length = text.length || 1;
  const paragraphs = text.trim().split(/\n{2,}/u);
  const lines = text.split(/\n+/u);
  const dupParagraphs = findDuplicates(paragraphs);
  const dupLines = findDuplicates(lines);
  const signals: Record<string, number> = {
    duplicate_paragraph_fraction: dupParagraphs.elements / paragraphs.length,
    duplicate_paragraph_char_fraction: dupParagraphs.chars / length,
    duplicate_line_fraction: dupLines.elements / lines.length,
    duplicate_line_char_fraction: dupLines.chars / length,
  };
  const failures: (string | false)[] = [
    signals.duplicate_paragraph_fraction > o.max_duplicate_paragraph_fraction && `duplicate paragraph fraction above ${o.max_duplicate_paragraph_fraction}`,
    signals.duplicate_paragraph_char_fraction > o.max_duplicate_paragraph_char_fraction &&
      `duplicate paragraph character fraction above ${o.max_duplicate_paragraph_char_fraction}`,
    signals.duplicate_line_fraction > o.max_duplicate_line_fraction && `duplicate line fraction above ${o.max_duplicate_line_fraction}`,
    signals.duplicate_line_char_fraction > o.max_duplicate_line_char_fraction &&
      `duplicate line character fraction above ${o.max_duplicate_line_char_fraction}`,
  ];
  const words = whitespaceWords(text);
  for (const [n, max] of o.top_ngrams) {
    const fraction = topNgramChars(words, n) / length;
    signals[`top_${n}gram_char_fraction`] = fraction;
    if (fraction > max) failures.push(`top ${n}-gram character fraction above ${max}`);
  }
  for (const [n, max] of o.duplicate_ngrams) {
    const fraction = duplicateNgramChars(words, n) / length;
    signals[`duplicate_${n}gram_char_fraction`] = fraction;
    if (fraction > max) failures.push(`duplicate ${n}-gram character fraction above ${max}`);
  }
  return ruleResult(signals, failures);
}

/** Characters covered by the most frequent n-gram: its length times its count (datatrove's find_top_duplicate). */
export function topNgramChars(words: string[], n: number): number {
  const counts = new Map<string, number>();
  let best = 0;
  for (let i = 0; i + n <= words.length; i++) {
    const gram = words.slice(i, i + n).join(' ');
    const c = (counts.get(gram) ?? 0) + 1;
    counts.set(gram, c);
    // Only a repeated n-gram counts. datatrove also counts an n-gram seen once, which on a
    // 10-word record is already over 20% of the characters: every short record would fail.
    if (c > 1) best = Math.max(best, gram.length * c);
  }
  return best;
}

/**
 * Characters in n-grams seen before, skipping past each repeat so overlapping copies are not
 * counted twice (datatrove's find_all_duplicate).
 */
export function duplicateNgramChars(words: string[], n: number): number {
  const seen = new Set<string>();
  let chars = 0;
  let i = 0;
  while (i + n <= words.length) {
    const gram = words.slice(i, i + n).join('');
    if (seen.has(gram)) {
      chars += gram.length;
      i += n;
    } else {
      seen.add(gram);
      i++;
    }
  }
  return chars;
}
