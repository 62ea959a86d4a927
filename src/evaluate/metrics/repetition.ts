import { distinctSorted, hashTokens, ngramKeys53 } from '../../core/ngram-hash.js';
import { wordTokens } from '../../core/tokenize.js';

/**
 * N-gram repetition: how much a text repeats itself, and which phrases recur across records.
 *
 * Per text: seq-rep-n of Welleck et al. (2020, "Neural Text Generation with Unlikelihood
 * Training", ICLR) = 1 - distinct n-grams / n-grams, i.e. the fraction of the text's n-grams that
 * repeat an earlier one. Default n = 4, as in that paper. Texts with fewer than n words have no
 * n-grams and are left out of the corpus mean.
 *
 * Across records: the n-grams found in the most records (each record counts once per n-gram), for
 * spotting template phrases ("as an ai language model"). Exact counting of every n-gram of 100,000
 * records needs millions of map entries, so a streaming pass keeps candidates with the Misra-Gries
 * frequent-items summary (Misra & Gries 1982): `capacity` counters, and every n-gram found in more
 * than M / (capacity + 1) records (M = record-level n-gram occurrences) is guaranteed to survive.
 * {@link topRepeatedNgrams} then recounts the candidates exactly in a second pass.
 *
 * N-grams are compared by 53-bit hashes (ngram-hash.ts), never built as strings except for the
 * few reported; a false match needs two n-grams colliding on 53 bits (odds ~k^2 / 2^54 over k
 * distinct n-grams, ~3e-3 over 10^7 of them, and then only if both are among the candidates).
 */
export const REPETITION_DEFAULTS = { n: 4, topN: 3, top: 20, capacity: 10_000 } as const;

/** seq-rep-n of one token list: fraction of repeated n-grams; 0 when it has no n-grams. */
export function selfRepetition(tokens: readonly string[], n: number = REPETITION_DEFAULTS.n): number {
  checkN(n);
  const total = tokens.length - n + 1;
  if (total <= 0) return 0;
  return 1 - distinctSorted(ngramKeys53(hashTokens(tokens), n)).length / total;
}

/** Streams texts: per-text repetition (returned by `add`) and its mean over texts with n-grams. */
export class RepetitionCounter {
  private sum = 0;
  private measured = 0;
  private repetitive = 0;

  /** `threshold`: a text whose repetition exceeds it counts as repetitive (default 0.2). */
  constructor(
    readonly n: number = REPETITION_DEFAULTS.n,
    private readonly threshold = 0.2,
  ) {
    checkN(n);
  }

  /** The text's repetition; null when it has fewer than n words. */
  add(text: string): number | null {
    return this.addTokens(wordTokens(text));
  }

  addTokens(tokens: readonly string[]): number | null {
    if (tokens.length < this.n) return null;
    const rate = selfRepetition(tokens, this.n);
    this.sum += rate;
    this.measured++;
    if (rate > this.threshold) this.repetitive++;
    return rate;
  }

  /** Mean repetition (NaN before any measurable text), texts measured, and texts over threshold. */
  summary(): { mean: number; measured: number; repetitive: number; threshold: number } {
    return {
      mean: this.measured === 0 ? Number.NaN : this.sum / this.measured,
      measured: this.measured,
      repetitive: this.repetitive,
      threshold: this.threshold,
    };
  }
}

/** Misra-Gries summary of record-level n-grams (by 53-bit key): candidates for the most repeated. */
export class FrequentNgrams {
  private readonly counters = new Map<number, number>();

  constructor(
    readonly n: number = REPETITION_DEFAULTS.topN,
    readonly capacity: number = REPETITION_DEFAULTS.capacity,
  ) {
    checkN(n);
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  add(text: string): void {
    this.addTokens(wordTokens(text));
  }

  addTokens(tokens: readonly string[]): void {
    for (const key of distinctSorted(ngramKeys53(hashTokens(tokens), this.n))) {
      const count = this.counters.get(key);
      if (count !== undefined) this.counters.set(key, count + 1);
      else if (this.counters.size < this.capacity) this.counters.set(key, 1);
      else {
        // Decrement every counter (the new item's own count is spent at the same time). Each such
        // step lowers the total count by capacity + 1, so the steps cost O(M) over the stream.
        for (const [k, value] of this.counters) {
          if (value === 1) this.counters.delete(k);
          else this.counters.set(k, value - 1);
        }
      }
    }
  }

  /** Candidate n-gram keys with their Misra-Gries lower-bound counts, largest first. */
  candidates(): { key: number; atLeast: number }[] {
    return [...this.counters].map(([key, atLeast]) => ({ key, atLeast })).sort((a, b) => b.atLeast - a.atLeast || a.key - b.key);
  }
}

export interface RepeatedNgram {
  ngram: string;
  /** Records containing it. */
  records: number;
  /** records / all records. */
  share: number;
}

export interface TopRepeatedOptions {
  /** N-gram length; default 3. */
  n?: number;
  /** How many to return; default 20. */
  top?: number;
  /** Misra-Gries counters; default 10,000. */
  capacity?: number;
}

/**
 * The `top` n-grams found in the most records (at least two), with exact record counts: a
 * Misra-Gries pass picks candidates, a second pass counts them. Ties sort alphabetically.
 */
export function topRepeatedNgrams(texts: readonly string[], options: TopRepeatedOptions = {}): RepeatedNgram[] {
  const n = options.n ?? REPETITION_DEFAULTS.topN;
  const top = options.top ?? REPETITION_DEFAULTS.top;
  const summary = new FrequentNgrams(n, options.capacity ?? REPETITION_DEFAULTS.capacity);
  for (const text of texts) summary.add(text);
  const exact = new Map<number, { ngram: string; records: number }>(summary.candidates().map((c) => [c.key, { ngram: '', records: 0 }]));
  for (const text of texts) {
    const tokens = wordTokens(text);
    const keys = ngramKeys53(hashTokens(tokens), n);
    const counted = new Set<number>();
    for (let i = 0; i < keys.length; i++) {
      const entry = exact.get(keys[i]);
      if (entry === undefined || counted.has(keys[i])) continue;
      counted.add(keys[i]);
      entry.records++;
      if (entry.ngram === '') entry.ngram = tokens.slice(i, i + n).join(' ');
    }
  }
  return [...exact.values()]
    .filter((entry) => entry.records >= 2)
    .sort((a, b) => b.records - a.records || (a.ngram < b.ngram ? -1 : 1))
    .slice(0, top)
    .map(({ ngram, records }) => ({ ngram, records, share: records / texts.length }));
}

function checkN(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`repetition: n must be a positive integer, got ${n}`);
}
