import { FingerprintSet, finalize32, mixStep } from '../../core/fingerprint-set.js';
import { hashTokens } from '../../core/ngram-hash.js';
import { wordTokens } from '../../core/tokenize.js';

/**
 * Distinct-n (Li et al. 2016, "A Diversity-Promoting Objective Function for Neural Conversation
 * Models", NAACL): the number of distinct n-grams in the corpus divided by the total number of
 * n-grams. (Li et al. divide by the total number of words; dividing by the n-gram count, as most
 * later implementations do, keeps the value in [0, 1] for every n.) N-grams never span two texts.
 * Higher is more diverse; 1 means no n-gram occurs twice.
 */
export const MAX_DISTINCT_N = 4;

/** The same hash seeds for every counter: results do not depend on the instance. */
const SEED_HI = 0x243f6a88;
const SEED_LO = 0x85a308d3 | 0;

/**
 * Streams texts one at a time for n = 1..4 without keeping them: words are hashed (ngram-hash.ts),
 * n-grams become 64-bit fingerprints in a {@link FingerprintSet}. Memory grows with the number of
 * distinct n-grams, not with the corpus text.
 */
export class DistinctNCounter {
  private readonly seen: FingerprintSet[] = [];
  private readonly totals: number[] = [];

  constructor() {
    for (let n = 1; n <= MAX_DISTINCT_N; n++) {
      this.seen.push(new FingerprintSet());
      this.totals.push(0);
    }
  }

  /** Counts the n-grams of one text (tokenized with {@link wordTokens}). */
  add(text: string): void {
    this.addTokens(wordTokens(text));
  }

  /** Counts the n-grams of an already tokenized text. */
  addTokens(tokens: readonly string[]): void {
    const { hi: tokenHi, lo: tokenLo } = hashTokens(tokens);
    for (let start = 0; start < tokens.length; start++) {
      let hi = SEED_HI;
      let lo = SEED_LO;
      const longest = Math.min(MAX_DISTINCT_N, tokens.length - start);
      for (let k = 0; k < longest; k++) {
        hi = mixStep(hi, tokenHi[start + k]);
        lo = mixStep(lo, tokenLo[start + k]);
        this.seen[k].add(finalize32(hi, k + 1), finalize32(lo, k + 1));
        this.totals[k]++;
      }
    }
  }

  /** Distinct-n for n in 1..4; NaN (not measurable) when the corpus has no n-gram of that length. */
  value(n: number): number {
    const k = checkN(n);
    return this.totals[k] === 0 ? Number.NaN : this.seen[k].size / this.totals[k];
  }

  /** Distinct and total n-gram counts for n in 1..4. */
  counts(n: number): { distinct: number; total: number } {
    const k = checkN(n);
    return { distinct: this.seen[k].size, total: this.totals[k] };
  }
}

function checkN(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > MAX_DISTINCT_N) {
    throw new RangeError(`distinct-n: n must be an integer from 1 to ${MAX_DISTINCT_N}, got ${n}`);
  }
  return n - 1;
}

/** Distinct-n of a corpus (see {@link DistinctNCounter}); n from 1 to 4. */
export function distinctN(texts: Iterable<string>, n: number): number {
  checkN(n);
  const counter = new DistinctNCounter();
  for (const text of texts) counter.add(text);
  return counter.value(n);
}
