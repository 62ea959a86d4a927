/**
 * Language identification with tinyld (a small n-gram model bundled with the package; no
 * download). FineWeb keeps documents whose fastText language score is at least 0.65; tinyld's
 * `accuracy` is on a different scale (1 for a clear single-language text), so the default
 * threshold here is 0.5, ours, and the detected language and confidence are kept as signals.
 * Very short texts (a few words) are often misidentified: set `min_chars` to skip them.
 */
import { createRequire } from 'node:module';
import { ruleResult, type RuleResult } from './rule-result.js';

// tinyld's tables take about 50 MB: load them when a language check first runs, not with synthkit.
const requireModule = createRequire(import.meta.url);
let detect: typeof import('tinyld').detectAll | undefined;
function detectAll(text: string) {
  detect ??= (requireModule('tinyld') as typeof import('tinyld')).detectAll;
  return detect(text);
}

export interface LanguageOptions {
  languages: string[];
  min_confidence?: number;
  /** Texts shorter than this pass unchecked (default 0: check everything). */
  min_chars?: number;
}

export const LANGUAGE_DEFAULT_MIN_CONFIDENCE = 0.5;

export function languageRule(text: string, o: LanguageOptions): { result: RuleResult; language?: string } {
  const minConfidence = o.min_confidence ?? LANGUAGE_DEFAULT_MIN_CONFIDENCE;
  if (text.length < (o.min_chars ?? 0)) return { result: ruleResult({ language_confidence: 0, checked: 0 }, []) };
  const best = detectAll(text)[0];
  const wanted = o.languages.map((l) => l.toLowerCase());
  const confidence = best && wanted.includes(best.lang) ? best.accuracy : 0;
  const reasons = !best
    ? ['language not identified']
    : !wanted.includes(best.lang)
      ? [`language is not ${wanted.join(' or ')}`]
      : confidence < minConfidence
        ? [`language confidence below ${minConfidence}`]
        : [];
  return { result: ruleResult({ language_confidence: best?.accuracy ?? 0, checked: 1 }, reasons), language: best?.lang };
}
