/**
 * Decontamination: find generated texts that share a long word n-gram with an evaluation text, so
 * benchmark items cannot leak into training data.
 *
 * n = 13 words, as in GPT-3's training-set filtering, which removed training text with 13-gram
 * overlaps against its test and development sets (Brown et al. 2020, "Language Models are Few-Shot
 * Learners", appendix C); many later decontamination pipelines reuse 13. Eval texts shorter than 13 words would never match, so an eval text of
 * 8..12 words is matched as a whole (its own length is the n-gram); below 8 words it is skipped as
 * too short to signal contamination. 8 is the minimum n of GPT-3's per-benchmark overlap analysis
 * (appendix C: n is the 5th-percentile example length, clamped to 8..13).
 *
 * Both sides are compared after `normalizeForDedup`. Eval n-grams go into a hash table keyed by two
 * independent XXH32 hashes packed into 53 bits; a hit is then confirmed word by word, so a hash
 * collision can never flag a text.
 */
import { normalizeForDedup } from './normalize-text.js';
import { xxh32 } from './minhash.js';

/** GPT-3 (Brown et al. 2020, appendix C): 13-gram overlap. */
export const DEFAULT_DECONTAMINATION_N = 13;
/** GPT-3 appendix C: n never below 8. */
export const DEFAULT_MIN_EVAL_WORDS = 8;

const SEED_HIGH = 0x6a09e667;
const SEED_LOW = 0xbb67ae85;
const START_BITS = 2 ** 24;

export interface DecontaminationOptions {
  n?: number;
  /** Eval texts with fewer words than this (and fewer than n) are skipped. */
  minEvalWords?: number;
}

export interface ContaminationHit {
  /** The first eval text (by index) containing the n-gram. */
  evalIndex: number;
  /** The shared n-gram, normalized (lowercase, words separated by single spaces). */
  ngram: string;
}

/**
 * For each index of `texts` that shares an n-gram with some eval text: the eval text and the
 * n-gram (the first such n-gram in reading order of the text).
 */
export function contaminatedIndexes(
  texts: readonly string[],
  evalTexts: readonly string[],
  options: DecontaminationOptions = {},
): Map<number, ContaminationHit> {
  const n = options.n ?? DEFAULT_DECONTAMINATION_N;
  const minEvalWords = options.minEvalWords ?? DEFAULT_MIN_EVAL_WORDS;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`contaminatedIndexes: n must be a positive integer, got ${n}`);

  // n-gram length -> (53-bit key -> evalIndex * 2^24 + start word)
  const tables = new Map<number, Map<number, number>>();
  const evalWords: string[][] = [];
  for (let e = 0; e < evalTexts.length; e++) {
    const doc = tokenize(evalTexts[e]);
    evalWords.push(doc.words);
    const count = doc.words.length;
    const length = count >= n ? n : count >= minEvalWords ? count : 0;
    if (length === 0) continue;
    if (count >= START_BITS) throw new RangeError(`contaminatedIndexes: eval text ${e} has over ${START_BITS} words`);
    let table = tables.get(length);
    if (!table) tables.set(length, (table = new Map()));
    for (let p = 0; p + length <= count; p++) {
      const key = ngramKey(doc, p, length);
      if (!table.has(key)) table.set(key, e * START_BITS + p);
    }
  }

  const hits = new Map<number, ContaminationHit>();
  if (tables.size === 0) return hits;
  const lengths = [...tables.keys()].sort((a, b) => b - a);
  for (let t = 0; t < texts.length; t++) {
    const doc = tokenize(texts[t]);
    const count = doc.words.length;
    search: for (let p = 0; p < count; p++) {
      for (const length of lengths) {
        if (p + length > count) continue;
        const found = tables.get(length)!.get(ngramKey(doc, p, length));
        if (found === undefined) continue;
        const evalIndex = Math.floor(found / START_BITS);
        const start = found % START_BITS;
        if (!sameWords(doc.words, p, evalWords[evalIndex], start, length)) continue; // a hash collision
        hits.set(t, { evalIndex, ngram: doc.words.slice(p, p + length).join(' ') });
        break search;
      }
    }
  }
  return hits;
}

interface Tokenized {
  words: string[];
  bytes: Uint8Array;
  /** Byte offset where word k starts; starts[words.length] is one past the end plus one. */
  starts: Int32Array;
}

function tokenize(text: string): Tokenized {
  const normalized = normalizeForDedup(text);
  const words = normalized === '' ? [] : normalized.split(' ');
  const bytes = new TextEncoder().encode(normalized);
  const starts = new Int32Array(words.length + 1);
  let k = 1;
  for (let p = 0; p < bytes.length; p++) if (bytes[p] === 0x20) starts[k++] = p + 1;
  starts[words.length] = bytes.length + 1;
  return { words, bytes, starts };
}

/** Two XXH32 hashes of the n-gram's bytes packed into an exact 53-bit integer. */
function ngramKey(doc: Tokenized, start: number, length: number): number {
  const from = doc.starts[start];
  const to = doc.starts[start + length] - 1;
  const high = xxh32(doc.bytes, from, to, SEED_HIGH) >>> 0;
  const low = xxh32(doc.bytes, from, to, SEED_LOW) >>> 11; // 21 bits
  return high * 2 ** 21 + low;
}

function sameWords(a: string[], aStart: number, b: string[], bStart: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (a[aStart + k] !== b[bStart + k]) return false;
  return true;
}
