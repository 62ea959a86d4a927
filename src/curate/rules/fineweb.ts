/**
 * FineWeb quality filters: Penedo et al. 2024, "The FineWeb Datasets: Decanting the Web for the
 * Finest Text Data at Scale" (NeurIPS Datasets & Benchmarks), section 3.3 "custom filters",
 * computed as datatrove's FineWebQualityFilter. A document is removed when:
 * - the fraction of lines ending with punctuation is below 0.12;
 * - the fraction of characters in duplicated lines is 0.1 or more (the paper's value; datatrove's
 *   code default is 0.01);
 * - the fraction of lines of at most 30 characters is 0.67 or more;
 * - list-like: more than 0.3 newlines per word (datatrove's new_line_ratio).
 * A one-line record of 30 characters or less is all "short lines": lower `short_line_length`
 * or raise `max_short_line_ratio` above 1 for very short records.
 */
import { ruleResult, type RuleResult } from './rule-result.js';
import { findDuplicates, nonBlankLines, whitespaceWords } from './text-stats.js';

export interface FineWebOptions {
  min_line_punctuation_ratio: number;
  max_short_line_ratio: number;
  short_line_length: number;
  max_duplicate_line_char_ratio: number;
  max_newline_word_ratio: number;
}

export const FINEWEB_DEFAULTS: FineWebOptions = {
  min_line_punctuation_ratio: 0.12,
  max_short_line_ratio: 0.67,
  short_line_length: 30,
  max_duplicate_line_char_ratio: 0.1,
  max_newline_word_ratio: 0.3,
};

/** datatrove's END_PUNCTUATION for this filter. */
const LINE_END = /[.?!"']$/u;

export function fineweb(text: string, options: Partial<FineWebOptions> = {}): RuleResult {
  const o = { ...FINEWEB_DEFAULTS, ...options };
  const lines = nonBlankLines(text);
  if (lines.length === 0) return ruleResult({ lines: 0 }, ['empty text']);
  const punctuationRatio = lines.filter((l) => LINE_END.test(l.trimEnd())).length / lines.length;
  const shortRatio = lines.filter((l) => l.length <= o.short_line_length).length / lines.length;
  const chars = text.replace(/\n/gu, '').length || 1;
  const duplicateRatio = findDuplicates(lines).chars / chars;
  const words = whitespaceWords(text).length;
  const newlineRatio = words ? (text.match(/\n/gu)?.length ?? 0) / words : 0;
  return ruleResult(
    {
      lines: lines.length,
      line_punctuation_ratio: punctuationRatio,
      short_line_ratio: shortRatio,
      duplicate_line_char_ratio: duplicateRatio,
      newline_word_ratio: newlineRatio,
    },
    [
      punctuationRatio < o.min_line_punctuation_ratio && `fewer than ${o.min_line_punctuation_ratio} of lines end with punctuation`,
      shortRatio >= o.max_short_line_ratio && `${o.max_short_line_ratio} or more of lines are ${o.short_line_length} characters or shorter`,
      duplicateRatio >= o.max_duplicate_line_char_ratio && `${o.max_duplicate_line_char_ratio} or more of characters are in duplicated lines`,
      newlineRatio > o.max_newline_word_ratio && `list-like: more than ${o.max_newline_word_ratio} newlines per word`,
    ],
  );
}
