/**
 * One text column's diversity, accumulated while records stream past: every streaming metric
 * (distinct-n, compression, repetition, lengths, exact duplicates, Misra-Gries candidates for
 * repeated n-grams) sees each text once, tokenized once; Self-BLEU works on a seeded reservoir of
 * texts. Repeated n-gram candidates are recounted exactly in a second pass (`recount`).
 */
import { createHash } from 'node:crypto';
import { CompressionRatioCounter } from './metrics/compression-ratio.js';
import { DistinctNCounter } from './metrics/distinct-n.js';
import { hashTokens, ngramKeys53 } from '../core/ngram-hash.js';
import { histogram, summarize, type Histogram, type Summary } from '../core/quantiles.js';
import { FrequentNgrams, REPETITION_DEFAULTS, RepetitionCounter, type RepeatedNgram } from './metrics/repetition.js';
import { SELF_BLEU_DEFAULTS, selfBleu } from './metrics/self-bleu.js';
import { wordTokens } from '../core/tokenize.js';
import { Reservoir } from './reservoir.js';

/** One text column's entry under `diversity` in metrics.json. */
export interface ColumnDiversity {
  /** Records where the column held text. */
  texts: number;
  distinct_1: number;
  distinct_2: number;
  distinct_3: number;
  distinct_4: number;
  self_bleu: number;
  compression_ratio: number;
  /** Mean seq-rep-4 (Welleck et al. 2020) and texts above 0.2. */
  repetition: number;
  repetitive_texts: number;
  top_ngrams: RepeatedNgram[];
  /** Exact duplicates: texts identical to an earlier one (after trimming). */
  duplicate_texts: number;
  words: Summary;
  words_histogram: Histogram;
}

export interface ColumnDiversityOptions {
  seed: number | string;
  selfBleuSample?: number;
  selfBleuReferences?: number;
  topNgrams?: number;
  ngram?: number;
}

/** Bins of the word-length histogram. */
const LENGTH_BINS = 30;

export class ColumnDiversityAccumulator {
  private readonly distinct = new DistinctNCounter();
  private readonly compression = new CompressionRatioCounter();
  private readonly repetition = new RepetitionCounter();
  private readonly frequent: FrequentNgrams;
  private readonly texts: Reservoir<string>;
  private readonly lengths: number[] = [];
  // Exact duplicates by 16-byte digest, not by text: memory stays small with long texts.
  private readonly digests = new Set<string>();
  private duplicates = 0;
  private recounted: Map<number, { ngram: string; records: number }> | undefined;

  constructor(
    readonly column: string,
    private readonly options: ColumnDiversityOptions,
  ) {
    this.frequent = new FrequentNgrams(options.ngram ?? REPETITION_DEFAULTS.topN);
    this.texts = new Reservoir(options.selfBleuReferences ?? SELF_BLEU_DEFAULTS.maxReferences, `${options.seed}/self-bleu/${column}`);
  }

  /** First pass: one text of this column. */
  add(text: string): void {
    const tokens = wordTokens(text);
    this.distinct.addTokens(tokens);
    this.compression.add(text);
    this.repetition.addTokens(tokens);
    this.frequent.addTokens(tokens);
    this.texts.add(text);
    this.lengths.push(tokens.length);
    const digest = createHash('md5').update(text.trim()).digest('base64');
    if (this.digests.has(digest)) this.duplicates++;
    else this.digests.add(digest);
  }

  /** Starts the second pass: exact record counts for the repeated n-gram candidates. */
  startRecount(): void {
    this.recounted = new Map(this.frequent.candidates().map((c) => [c.key, { ngram: '', records: 0 }]));
  }

  /** Second pass: one text, in the same order as the first. */
  recount(text: string): void {
    const exact = this.recounted!;
    const n = this.frequent.n;
    const tokens = wordTokens(text);
    const keys = ngramKeys53(hashTokens(tokens), n);
    let counted: Set<number> | undefined;
    for (let i = 0; i < keys.length; i++) {
      const entry = exact.get(keys[i]);
      if (entry === undefined) continue;
      counted ??= new Set();
      if (counted.has(keys[i])) continue;
      counted.add(keys[i]);
      entry.records++;
      if (entry.ngram === '') entry.ngram = tokens.slice(i, i + n).join(' ');
    }
  }

  get needsRecount(): boolean {
    return this.lengths.length > 0;
  }

  result(): ColumnDiversity {
    const count = this.lengths.length;
    const top = this.options.topNgrams ?? REPETITION_DEFAULTS.top;
    const repeated: RepeatedNgram[] = [...(this.recounted?.values() ?? [])]
      .filter((entry) => entry.records >= 2)
      .sort((a, b) => b.records - a.records || (a.ngram < b.ngram ? -1 : 1))
      .slice(0, top)
      .map(({ ngram, records }) => ({ ngram, records, share: records / count }));
    const words = summarize(this.lengths);
    const repetition = this.repetition.summary();
    return {
      texts: count,
      distinct_1: this.distinct.value(1),
      distinct_2: this.distinct.value(2),
      distinct_3: this.distinct.value(3),
      distinct_4: this.distinct.value(4),
      self_bleu: selfBleu(this.texts.items, { sample: this.options.selfBleuSample ?? SELF_BLEU_DEFAULTS.sample, seed: `${this.options.seed}/self-bleu` }),
      compression_ratio: this.compression.value(),
      repetition: repetition.mean,
      repetitive_texts: repetition.repetitive,
      top_ngrams: repeated,
      duplicate_texts: this.duplicates,
      words,
      words_histogram: lengthHistogram(this.lengths, words.max),
    };
  }
}

/** Whole-word bins from 0, at most LENGTH_BINS of them, so bin edges read as word counts. */
function lengthHistogram(lengths: readonly number[], max: number) {
  if (lengths.length === 0) return { edges: [], counts: [] };
  const width = Math.max(1, Math.ceil((max + 1) / LENGTH_BINS));
  const bins = Math.max(1, Math.ceil((max + 1) / width));
  return histogram(lengths, bins, 0, bins * width);
}
