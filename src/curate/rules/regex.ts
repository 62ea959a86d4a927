/**
 * Regular-expression checks: every `must_match` pattern must be found and no `must_not_match`
 * pattern may be. Patterns are JavaScript regular expressions compiled once with the `u` flag
 * (plus `i` when asked), validated when the config loads.
 */
import { ruleResult, type RuleResult } from './rule-result.js';

export interface RegexOptions {
  must_match?: string[];
  must_not_match?: string[];
  ignore_case?: boolean;
}

export function compileRegexRule(o: RegexOptions): (text: string) => RuleResult {
  const flags = o.ignore_case ? 'iu' : 'u';
  const must = (o.must_match ?? []).map((p) => ({ p, re: new RegExp(p, flags) }));
  const mustNot = (o.must_not_match ?? []).map((p) => ({ p, re: new RegExp(p, flags) }));
  return (text) => {
    const missing = must.filter(({ re }) => !re.test(text));
    const found = mustNot.filter(({ re }) => re.test(text));
    return ruleResult({ missing_patterns: missing.length, forbidden_patterns: found.length }, [
      ...missing.map(({ p }) => `does not match /${p}/`),
      ...found.map(({ p }) => `matches forbidden /${p}/`),
    ]);
  };
}
