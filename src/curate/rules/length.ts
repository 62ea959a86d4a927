/**
 * Length bounds in characters, words and approximate tokens. No published defaults: a bound
 * applies only when set, because the right length depends entirely on what the records are.
 */
import { ruleResult, type RuleResult } from './rule-result.js';
import { approximateTokens, whitespaceWords } from './text-stats.js';

export interface LengthOptions {
  min_chars?: number;
  max_chars?: number;
  min_words?: number;
  max_words?: number;
  min_tokens?: number;
  max_tokens?: number;
}

export function lengthRule(text: string, o: LengthOptions): RuleResult {
  const chars = [...text].length;
  const words = whitespaceWords(text).length;
  const tokens = approximateTokens(text);
  const below = (v: number, min?: number) => min !== undefined && v < min;
  const above = (v: number, max?: number) => max !== undefined && v > max;
  return ruleResult({ chars, words, tokens }, [
    below(chars, o.min_chars) && `fewer than ${o.min_chars} characters`,
    above(chars, o.max_chars) && `more than ${o.max_chars} characters`,
    below(words, o.min_words) && `fewer than ${o.min_words} words`,
    above(words, o.max_words) && `more than ${o.max_words} words`,
    below(tokens, o.min_tokens) && `fewer than ${o.min_tokens} tokens`,
    above(tokens, o.max_tokens) && `more than ${o.max_tokens} tokens`,
  ]);
}
