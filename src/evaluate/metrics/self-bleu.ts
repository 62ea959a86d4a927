import { sampleIndices } from './sample-indices.js';
import { wordTokens } from '../../core/tokenize.js';

/**
 * Self-BLEU (Zhu et al. 2018, "Texygen: A Benchmarking Platform for Text Generation Models",
 * SIGIR): each text in turn is the hypothesis and every other text a reference; the score is the
 * mean sentence BLEU (Papineni et al. 2002). Higher means the texts resemble each other more, i.e.
 * less diversity; 1 for a corpus of identical texts, 0 when no two texts share a word.
 *
 * BLEU follows NLTK's `sentence_bleu`, which Texygen calls:
 * - uniform weights 1/n over orders 1..n (default n = 4);
 * - clipped n-gram counts against the maximum count in any one reference;
 * - brevity penalty against the closest reference length (the shorter on a tie);
 * - a hypothesis with no unigram match scores 0;
 * - smoothing "method1" of Chen & Cherry (2014, "A Systematic Comparison of Smoothing Techniques
 *   for Sentence-Level BLEU"), as Texygen uses: a precision with no matches becomes epsilon / count,
 *   epsilon = 0.1 (the count is at least 1, as NLTK does for hypotheses shorter than n).
 *
 * Cost: every hypothesis against every reference is O(N^2). So, like Texygen's fast mode (which
 * scores the first 500 texts as hypotheses), a seeded sample of `sample` hypotheses (default 500)
 * is scored against a seeded sample of at most `maxReferences` references (default 2,000). An
 * inverted index keeps, per n-gram, its two largest counts in distinct references, so a lookup that
 * excludes the hypothesis itself is O(1) and the total cost is linear in the sampled tokens.
 */
export interface SelfBleuOptions {
  /** Highest n-gram order; weights are uniform 1/n. Default 4 (Texygen, NLTK). */
  n?: number;
  /** Hypotheses scored (seeded sample); default 500 (Texygen's fast mode). All texts if fewer. */
  sample?: number;
  /** References each hypothesis is scored against (seeded sample); default 2,000. */
  maxReferences?: number;
  /** Seed of both samples; default "self-bleu". */
  seed?: number | string;
}

export const SELF_BLEU_DEFAULTS = { n: 4, sample: 500, maxReferences: 2000, seed: 'self-bleu' } as const;

/** Method1 smoothing epsilon (Chen & Cherry 2014; NLTK's default). */
const EPSILON = 0.1;

interface TopCounts {
  best: number;
  bestRef: number;
  second: number;
}

/** Mean Self-BLEU of `texts`; NaN with fewer than two texts (nothing to compare against). */
export function selfBleu(texts: readonly string[], options: SelfBleuOptions = {}): number {
  const n = options.n ?? SELF_BLEU_DEFAULTS.n;
  const sample = options.sample ?? SELF_BLEU_DEFAULTS.sample;
  const maxReferences = options.maxReferences ?? SELF_BLEU_DEFAULTS.maxReferences;
  const seed = options.seed ?? SELF_BLEU_DEFAULTS.seed;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`selfBleu: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(sample) || sample < 1) throw new RangeError(`selfBleu: sample must be a positive integer, got ${sample}`);
  if (!Number.isInteger(maxReferences) || maxReferences < 1) {
    throw new RangeError(`selfBleu: maxReferences must be a positive integer, got ${maxReferences}`);
  }
  if (texts.length < 2) return Number.NaN;

  const tokenCache = new Map<number, string[]>();
  const tokensOf = (index: number): string[] => {
    let tokens = tokenCache.get(index);
    if (tokens === undefined) {
      tokens = wordTokens(texts[index]);
      tokenCache.set(index, tokens);
    }
    return tokens;
  };

  const referenceIndices = sampleIndices(texts.length, maxReferences, `${seed}/references`);
  const hypothesisIndices = sampleIndices(texts.length, sample, `${seed}/hypotheses`);
  const referenceSlot = new Map<number, number>(referenceIndices.map((textIndex, slot) => [textIndex, slot]));

  // Per order, each n-gram's two largest counts in distinct references.
  const index: Map<string, TopCounts>[] = Array.from({ length: n }, () => new Map());
  const lengthCounts = new Map<number, number>();
  referenceIndices.forEach((textIndex, slot) => {
    const tokens = tokensOf(textIndex);
    lengthCounts.set(tokens.length, (lengthCounts.get(tokens.length) ?? 0) + 1);
    for (let order = 1; order <= n; order++) {
      for (const [gram, count] of countNgrams(tokens, order)) {
        const top = index[order - 1].get(gram);
        if (top === undefined) index[order - 1].set(gram, { best: count, bestRef: slot, second: 0 });
        else if (count > top.best) {
          top.second = top.best;
          top.best = count;
          top.bestRef = slot;
        } else if (count > top.second) top.second = count;
      }
    }
  });

  let total = 0;
  let scored = 0;
  for (const textIndex of hypothesisIndices) {
    const self = referenceSlot.get(textIndex) ?? -1;
    if (self >= 0 && referenceIndices.length === 1) continue;
    const hypothesis = tokensOf(textIndex);
    const lengths = self >= 0 ? withoutOne(lengthCounts, hypothesis.length) : lengthCounts;
    total += sentenceBleu(hypothesis, n, index, self, closestLength(lengths, hypothesis.length));
    scored++;
  }
  return scored === 0 ? Number.NaN : total / scored;
}

function sentenceBleu(hypothesis: string[], n: number, index: Map<string, TopCounts>[], self: number, referenceLength: number): number {
  let logSum = 0;
  for (let order = 1; order <= n; order++) {
    let matched = 0;
    for (const [gram, count] of countNgrams(hypothesis, order)) {
      const top = index[order - 1].get(gram);
      if (top === undefined) continue;
      matched += Math.min(count, top.bestRef === self ? top.second : top.best);
    }
    if (order === 1 && matched === 0) return 0;
    const denominator = Math.max(1, hypothesis.length - order + 1);
    const precision = matched === 0 ? EPSILON / denominator : matched / denominator;
    logSum += Math.log(precision) / n;
  }
  const length = hypothesis.length;
  const brevity = length > referenceLength ? 1 : Math.exp(1 - referenceLength / length);
  return brevity * Math.exp(logSum);
}

function countNgrams(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** The reference length closest to `length`, the shorter on a tie (NLTK's closest_ref_length). */
function closestLength(lengthCounts: Map<number, number>, length: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const [candidate, count] of lengthCounts) {
    if (count === 0) continue;
    const distance = Math.abs(candidate - length);
    const bestDistance = Math.abs(best - length);
    if (distance < bestDistance || (distance === bestDistance && candidate < best)) best = candidate;
  }
  return best;
}

function withoutOne(counts: Map<number, number>, key: number): Map<number, number> {
  const copy = new Map(counts);
  copy.set(key, (copy.get(key) ?? 1) - 1);
  return copy;
}
