/**
 * Chooses which k examples a record's prompt shows. Every choice is a pure function of
 * (seed, recordIdx, record): records are generated many at a time and resumed after a crash, so a
 * choice that depended on call order (a shared cursor, one Rng drawn from in turn) would change
 * between a run and its resume and could not be reproduced.
 *
 * `seed` should already be specific to the column, e.g. `deriveSeed(recipeSeed, columnName)`, so
 * two few-shot columns over the same file do not show the same examples in lockstep.
 */
import { createRng, deriveSeed } from '../../core/rng.js';
import type { Rng } from '../../core/rng-types.js';
import { FewShotError, type Example } from './load-examples.js';

export type ExampleStrategy = 'random' | 'stratified' | 'round-robin' | 'similar';

export interface ExampleSelectorOptions {
  /** Examples per prompt; at most the number of examples. */
  k: number;
  /**
   * - `random`: k distinct examples drawn with `createRng(deriveSeed(seed, recordIdx))`.
   * - `round-robin`: record i gets examples (i*k .. i*k+k-1) mod n, so over the dataset every
   *   example is used as often as every other (counts differ by at most one).
   * - `stratified`: k examples whose `stratifyBy` value equals the record's. When fewer than k
   *   match, all the matching ones are shown and the rest are drawn at random from the others (a
   *   prompt always has k examples); a record without the field gets k random examples.
   * - `similar`: the k examples most similar to the record, by TF-IDF cosine of the record's
   *   values against the example's values; ties go to the lower index.
   */
  strategy: ExampleStrategy;
  /** Field read on both the example and the record; required for `stratified`. */
  stratifyBy?: string;
  /**
   * For `similar`: the record fields whose values make the query. Absent: every text or number
   * value of the record. The example side is always all of the example's values, since example
   * files and records rarely share field names (a record has `topic`, an example `question`).
   */
  similarFields?: string[];
  seed: number | string;
}

export interface ExampleSelection {
  examples: Example[];
  /** Positions in the example list, in the order shown; recorded with the cell for audit. */
  indexes: number[];
}

export interface ExampleSelector {
  select(recordIdx: number, record: Record<string, unknown>): ExampleSelection;
}

export function createExampleSelector(examples: readonly Example[], options: ExampleSelectorOptions): ExampleSelector {
  const { k, strategy, seed } = options;
  const n = examples.length;
  if (n === 0) throw new FewShotError('few-shot: there are no examples to select from');
  if (!Number.isSafeInteger(k) || k < 1) throw new FewShotError(`few-shot k must be a whole number >= 1, got ${String(k)}`);
  if (k > n) throw new FewShotError(`few-shot: there are ${n} examples, fewer than k=${k}`);

  const pick = (indexes: number[]): ExampleSelection => ({ examples: indexes.map((i) => examples[i]), indexes });
  const rngFor = (recordIdx: number): Rng => createRng(deriveSeed(seed, recordIdx));

  let choose: (recordIdx: number, record: Record<string, unknown>) => number[];
  switch (strategy) {
    case 'random':
      choose = (recordIdx) => sampleDistinct(rangeOf(n), k, rngFor(recordIdx));
      break;
    case 'round-robin':
      choose = (recordIdx) => Array.from({ length: k }, (_, j) => ((recordIdx % n) * k + j) % n);
      break;
    case 'stratified':
      choose = stratified(examples, k, options.stratifyBy, rngFor);
      break;
    case 'similar':
      choose = similar(examples, k, options.similarFields);
      break;
    default:
      throw new FewShotError(`few-shot strategy "${String(strategy)}" is unknown; use random, stratified, round-robin or similar`);
  }

  return {
    select(recordIdx, record) {
      if (!Number.isSafeInteger(recordIdx) || recordIdx < 0) {
        throw new FewShotError(`few-shot: record index must be a whole number >= 0, got ${String(recordIdx)}`);
      }
      return pick(choose(recordIdx, record));
    },
  };
}

function stratified(
  examples: readonly Example[],
  k: number,
  field: string | undefined,
  rngFor: (recordIdx: number) => Rng,
): (recordIdx: number, record: Record<string, unknown>) => number[] {
  if (!field) throw new FewShotError('few-shot strategy "stratified" needs stratifyBy: the field to match examples on');
  if (!examples.some((e) => Object.hasOwn(e, field))) {
    throw new FewShotError(`few-shot stratifyBy "${field}": no example has that field`);
  }
  // Values are compared as text: a CSV file reads every value as a string, while the record's
  // value may be a number or boolean from a sampler.
  const byValue = new Map<string, number[]>();
  examples.forEach((e, i) => {
    if (!Object.hasOwn(e, field)) return;
    const key = textOf(e[field]);
    byValue.set(key, [...(byValue.get(key) ?? []), i]);
  });
  return (recordIdx, record) => {
    const rng = rngFor(recordIdx);
    const matching = Object.hasOwn(record, field) ? (byValue.get(textOf(record[field])) ?? []) : [];
    if (matching.length >= k) return sampleDistinct(matching, k, rng);
    const chosen = new Set(matching);
    const others = rangeOf(examples.length).filter((i) => !chosen.has(i));
    // The matching examples first (in random order), then random others to make up k.
    return [...sampleDistinct(matching, matching.length, rng), ...sampleDistinct(others, k - matching.length, rng)];
  };
}

/**
 * TF-IDF cosine similarity (Salton and Buckley, "Term-weighting approaches in automatic text
 * retrieval", 1988) with the smoothed idf ln((1 + n) / (1 + df)) + 1 that scikit-learn's
 * TfidfVectorizer uses by default, computed over the examples. It beats plain token Jaccard here
 * because common words ("the", "how") shared by every example carry almost no weight.
 */
function similar(examples: readonly Example[], k: number, fields: string[] | undefined): (recordIdx: number, record: Record<string, unknown>) => number[] {
  const n = examples.length;
  const docs = examples.map((e) => termCounts(Object.values(e)));
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of doc.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [term, count] of df) idf.set(term, Math.log((1 + n) / (1 + count)) + 1);
  const vectors = docs.map((doc) => weigh(doc, idf));

  return (_recordIdx, record) => {
    const values = fields ? fields.map((f) => record[f]) : Object.values(record);
    const query = weigh(termCounts(values), idf);
    const scores = vectors.map((v) => cosine(query, v));
    return rangeOf(n)
      .sort((a, b) => scores[b] - scores[a] || a - b)
      .slice(0, k);
  };
}

/** A unit-length tf-idf vector; terms no example has (idf unknown) carry no weight. */
function weigh(counts: Map<string, number>, idf: Map<string, number>): Map<string, number> {
  const vector = new Map<string, number>();
  let norm = 0;
  for (const [term, tf] of counts) {
    const w = tf * (idf.get(term) ?? 0);
    if (w === 0) continue;
    vector.set(term, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  for (const [term, w] of vector) vector.set(term, w / norm);
  return vector;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, w] of small) dot += w * (large.get(term) ?? 0);
  return dot;
}

function termCounts(values: readonly unknown[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) {
    for (const token of tokens(textOf(value))) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return counts;
}

/** Lower-cased runs of letters and digits, in any script. */
function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

function rangeOf(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** `count` distinct items of `pool` in random order: a partial Fisher-Yates shuffle of a copy. */
function sampleDistinct(pool: readonly number[], count: number, rng: Rng): number[] {
  const items = [...pool];
  for (let i = 0; i < count; i++) {
    const j = rng.int(i, items.length - 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items.slice(0, count);
}
