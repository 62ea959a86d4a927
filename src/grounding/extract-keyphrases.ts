/**
 * RAKE keyphrase candidates for one text (S. Rose, D. Engel, N. Cramer, W. Cowley, "Automatic
 * Keyword Extraction from Individual Documents", in Text Mining: Applications and Theory, 2010).
 *
 * Candidates are maximal runs of content words: stopwords, punctuation, numbers and line breaks
 * end a run. Each word scores deg(w)/freq(w), where deg(w) sums the lengths of the candidate runs
 * it occurs in; a phrase scores the sum of its words. Runs longer than `maxWords` are rarely
 * repeated verbatim elsewhere, so they do not become concepts themselves; their words stay
 * candidates (scored with the long run's degree). Phrases are keyed by their lowercased words folded
 * with the S-stemmer, so "Rental flats" and "rental flat" are one concept.
 *
 * No model, no corpus statistics: the corpus-level weighting (IDF, minimum frequency) is applied
 * by the concept-graph builder.
 */
import { isStopword } from './stopwords.js';
import { sStem } from './tokenize.js';

export interface Keyphrase {
  /** Normalized key: lowercased, plural-folded words joined by one space. */
  key: string;
  /** The phrase as first written in the text, lowercased (acronyms kept). */
  label: string;
  score: number;
}

/**
 * Words that are not stopwords for BM25 but make poor concepts: units of time, ordinals and
 * vague quantities ("28 days" is a fact, "days" is not a topic). They end a phrase like stopwords.
 */
const NOT_CONCEPTS = new Set(
  `day days week weeks month months year years time times date first second third last next least
  one two three four five six seven eight nine ten many much several every each full whole
  new old same different ask asks asked get gets got make makes made take takes took`.split(/\s+/),
);

/** Words, with in-word apostrophes and hyphens ("first-time", "tenant's"). */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function extractKeyphrases(text: string, options: { maxWords?: number } = {}): Keyphrase[] {
  const maxWords = options.maxWords ?? 3;
  const runs: string[][] = [];
  let run: string[] = [];
  let lastEnd = 0;
  const endRun = () => {
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (const match of text.matchAll(WORD)) {
    const gap = text.slice(lastEnd, match.index);
    if (/[^\s]/.test(gap) || /\n/.test(gap)) endRun();
    lastEnd = match.index + match[0].length;
    const word = match[0];
    const lower = word.toLowerCase().replace(/’/g, "'");
    if (isStopword(lower) || NOT_CONCEPTS.has(lower) || !/\p{L}/u.test(word) || word.length < 2) {
      endRun();
      continue;
    }
    run.push(word);
  }
  endRun();

  const freq = new Map<string, number>();
  const degree = new Map<string, number>();
  for (const words of runs) {
    for (const word of words) {
      const key = normalizeWord(word);
      freq.set(key, (freq.get(key) ?? 0) + 1);
      degree.set(key, (degree.get(key) ?? 0) + words.length);
    }
  }
  const wordScore = (key: string) => (degree.get(key) ?? 0) / (freq.get(key) ?? 1);

  const phrases = new Map<string, Keyphrase>();
  const consider = (words: string[]) => {
    const keys = words.map(normalizeWord);
    const key = keys.join(' ');
    if (phrases.has(key)) return;
    phrases.set(key, { key, label: words.map(labelWord).join(' '), score: keys.reduce((sum, k) => sum + wordScore(k), 0) });
  };
  for (const words of runs) {
    if (words.length <= maxWords) consider(words);
    else for (const word of words) consider([word]);
  }
  return [...phrases.values()].sort((a, b) => b.score - a.score);
}

export function normalizeWord(word: string): string {
  return sStem(word.toLowerCase().replace(/’/g, "'"));
}

/** Normalizes a concept string from any extractor (e.g. an LLM) to the same key space. */
export function conceptKey(phrase: string): string {
  return [...phrase.matchAll(WORD)].map((m) => normalizeWord(m[0])).join(' ');
}

/** Lowercase, except all-caps words of two or more letters (acronyms such as "HRA"). */
function labelWord(word: string): string {
  return word.length >= 2 && word === word.toUpperCase() && /\p{L}/u.test(word) ? word : word.toLowerCase();
}
