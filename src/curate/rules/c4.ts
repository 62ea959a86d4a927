/**
 * C4 heuristics: Raffel et al. 2020, "Exploring the Limits of Transfer Learning with a Unified
 * Text-to-Text Transformer" (JMLR 21), section 2.2, also datatrove's C4QualityFilter.
 *
 * C4 works on lines: it removes lines that do not end in terminal punctuation, have fewer than
 * 5 words, mention "javascript" or a cookie/terms policy; then drops the whole page if it has
 * fewer than 3 sentences left, contains "lorem ipsum" or a curly bracket. Curation here never
 * rewrites a record, so the line rules are measured (signals) and the page rules decide.
 * C4's "bad words" list (LDNOOBW) is out of scope: content safety belongs to src/safety.
 * Sentences are counted by terminal punctuation, not NLTK's Punkt as in the TFDS code.
 */
import { ruleResult, type RuleResult } from './rule-result.js';
import { nonBlankLines, whitespaceWords } from './text-stats.js';

export interface C4Options {
  min_words_per_line: number;
  min_sentences: number;
  max_word_length: number;
  filter_lorem_ipsum: boolean;
  filter_curly_bracket: boolean;
  filter_javascript: boolean;
  filter_policy: boolean;
}

export const C4_DEFAULTS: C4Options = {
  // "only retained lines that contained at least 5 words" (datatrove defaults to 3)
  min_words_per_line: 5,
  // "discarded any page with fewer than 3 sentences" (datatrove defaults to 5)
  min_sentences: 3,
  // TFDS c4_utils: a line with a "word" longer than 1000 characters is removed
  max_word_length: 1000,
  filter_lorem_ipsum: true,
  filter_curly_bracket: true,
  filter_javascript: true,
  filter_policy: true,
};

/** "Terminal punctuation mark (i.e. a period, exclamation mark, question mark, or end quotation mark)". */
const TERMINAL = /[.!?"”]$/u;
/** The policy substrings of the TFDS C4 code. */
const POLICY = ['terms of use', 'privacy policy', 'cookie policy', 'uses cookies', 'use of cookies', 'use cookies'];
/** Citation markers such as [1] or [citation needed] are removed before the checks, as in C4. */
const CITATION = /\[\d*\]|\[edit\]|\[citation needed\]/giu;

export function c4(text: string, options: Partial<C4Options> = {}): RuleResult {
  const o = { ...C4_DEFAULTS, ...options };
  const lower = text.toLowerCase();
  const lines = nonBlankLines(text.replace(CITATION, '')).map((l) => l.trim());
  let noTerminal = 0;
  let tooFewWords = 0;
  let javascript = 0;
  let policy = 0;
  let longWord = 0;
  const kept: string[] = [];
  for (const line of lines) {
    const words = whitespaceWords(line);
    const l = line.toLowerCase();
    if (words.some((w) => w.length > o.max_word_length)) longWord++;
    else if (!TERMINAL.test(line)) noTerminal++;
    else if (words.length < o.min_words_per_line) tooFewWords++;
    else if (o.filter_javascript && l.includes('javascript')) javascript++;
    else if (o.filter_policy && POLICY.some((p) => l.includes(p))) policy++;
    else kept.push(line);
  }
  const sentences =
    kept
      .join(' ')
      .match(/[^.!?]*[.!?]+["”')\]]*/gu)
      ?.filter((s) => /[\p{L}\p{N}]/u.test(s)).length ?? 0;
  const loremIpsum = o.filter_lorem_ipsum && lower.includes('lorem ipsum');
  const curly = o.filter_curly_bracket && text.includes('{');
  return ruleResult(
    {
      lines: lines.length,
      kept_lines: kept.length,
      lines_without_terminal_punctuation: noTerminal,
      lines_with_too_few_words: tooFewWords,
      lines_with_javascript: javascript,
      lines_with_policy: policy,
      lines_with_long_word: longWord,
      sentences_in_kept_lines: sentences,
    },
    [
      sentences < o.min_sentences && `fewer than ${o.min_sentences} sentences in the lines C4 keeps`,
      loremIpsum && 'contains "lorem ipsum"',
      curly && 'contains a curly bracket',
    ],
  );
}
