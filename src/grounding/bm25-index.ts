/**
 * An Okapi BM25 inverted index over the chunk texts, in flat typed arrays.
 *
 * Scoring (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009),
 * with Lucene's non-negative IDF (BM25Similarity):
 *   score(D, Q) = sum over distinct query terms t in D of
 *                 idf(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * |D| / avgdl))
 *   idf(t)      = ln(1 + (N - df + 0.5) / (df + 0.5))
 * k1 = 1.2 and b = 0.75, the defaults of Lucene, Elasticsearch and the paper's experiments.
 * |D| counts index terms (stopwords removed, see tokenize.ts).
 *
 * Why not minisearch, which is installed: measured on 20,000 chunks of 150 words, it answered
 * 13-420 queries/s depending on how common the query words are (it builds and sorts a result
 * object for every matching document) and took 1.2 s to load its JSON. Here a query walks its
 * posting lists into one score array and keeps the top k in a heap, and the saved index loads as
 * a few base64 typed arrays; see bench/grounding-bench.ts for the figures.
 */
import { indexTerms } from './tokenize.js';

export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

export interface Bm25Hit {
  /** Position of the document in the order it was added. */
  doc: number;
  score: number;
}

export interface SerializedBm25 {
  format: 'synthkit-bm25';
  version: 1;
  k1: number;
  b: number;
  terms: string[];
  /** base64 of little-endian typed arrays. */
  offsets: string;
  postingDocs: string;
  postingTfs: string;
  lengths: string;
}

export class Bm25Index {
  private readonly termIds: Map<string, number>;
  /** Scratch space for one query at a time (search is synchronous, so never shared mid-query). */
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;
  private readonly normalizers: Float64Array;
  readonly avgLength: number;

  private constructor(
    readonly params: Bm25Params,
    private readonly terms: string[],
    /** Postings of term t are at [offsets[t], offsets[t+1]). */
    private readonly offsets: Int32Array,
    private readonly postingDocs: Int32Array,
    private readonly postingTfs: Uint16Array,
    private readonly lengths: Uint32Array,
  ) {
    this.termIds = new Map(terms.map((term, i) => [term, i]));
    const n = lengths.length;
    let total = 0;
    for (let d = 0; d < n; d++) total += lengths[d];
    this.avgLength = n === 0 ? 0 : total / n;
    this.normalizers = new Float64Array(n);
    for (let d = 0; d < n; d++) {
      this.normalizers[d] = params.k1 * (1 - params.b + (params.b * lengths[d]) / (this.avgLength || 1));
    }
    this.scores = new Float64Array(n);
    this.touched = new Int32Array(n);
  }

  /** Indexes `texts` in order; hit `doc` numbers are positions in this sequence. */
  static build(texts: Iterable<string>, params: Bm25Params = DEFAULT_BM25): Bm25Index {
    const termIds = new Map<string, number>();
    const postings: number[][] = []; // per term: doc, tf, doc, tf, ...
    const lengths: number[] = [];
    const counts = new Map<number, number>();
    for (const text of texts) {
      const doc = lengths.length;
      const terms = indexTerms(text);
      lengths.push(terms.length);
      counts.clear();
      for (const term of terms) {
        let id = termIds.get(term);
        if (id === undefined) {
          id = postings.length;
          termIds.set(term, id);
          postings.push([]);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      for (const [id, tf] of counts) postings[id].push(doc, Math.min(tf, 0xffff));
    }
    const offsets = new Int32Array(postings.length + 1);
    for (let t = 0; t < postings.length; t++) offsets[t + 1] = offsets[t] + postings[t].length / 2;
    const docs = new Int32Array(offsets[postings.length]);
    const tfs = new Uint16Array(docs.length);
    for (let t = 0; t < postings.length; t++) {
      const list = postings[t];
      for (let i = 0, p = offsets[t]; i < list.length; i += 2, p++) {
        docs[p] = list[i];
        tfs[p] = list[i + 1];
      }
    }
    return new Bm25Index(params, [...termIds.keys()], offsets, docs, tfs, Uint32Array.from(lengths));
  }

  get size(): number {
    return this.lengths.length;
  }

  /** Number of documents containing `term` (an index term: lowercased, stemmed). */
  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.offsets[id + 1] - this.offsets[id];
  }

  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** The best `topK` documents for `query`, best first; ties go to the earlier document. */
  search(query: string, topK = 10, options: { minScore?: number; exclude?: (doc: number) => boolean } = {}): Bm25Hit[] {
    return this.searchTerms(indexTerms(query), topK, options);
  }

  /** As `search`, for terms already produced by `indexTerms`. Repeated terms count once. */
  searchTerms(terms: readonly string[], topK = 10, options: { minScore?: number; exclude?: (doc: number) => boolean } = {}): Bm25Hit[] {
    const { k1 } = this.params;
    const n = this.size;
    const scores = this.scores;
    const touched = this.touched;
    let touchedCount = 0;
    for (const term of new Set(terms)) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const from = this.offsets[id];
      const to = this.offsets[id + 1];
      const df = to - from;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let p = from; p < to; p++) {
        const doc = this.postingDocs[p];
        const tf = this.postingTfs[p];
        if (scores[doc] === 0) touched[touchedCount++] = doc;
        scores[doc] += (idf * tf * (k1 + 1)) / (tf + this.normalizers[doc]);
      }
    }
    const heap = new TopK(Math.max(0, topK));
    const minScore = options.minScore ?? -Infinity;
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i];
      const score = scores[doc];
      scores[doc] = 0;
      if (score >= minScore && !(options.exclude?.(doc) ?? false)) heap.offer(doc, score);
    }
    return heap.sorted();
  }

  toJSON(): SerializedBm25 {
    return {
      format: 'synthkit-bm25',
      version: 1,
      k1: this.params.k1,
      b: this.params.b,
      terms: this.terms,
      offsets: toBase64(this.offsets),
      postingDocs: toBase64(this.postingDocs),
      postingTfs: toBase64(this.postingTfs),
      lengths: toBase64(this.lengths),
    };
  }

  static fromJSON(data: SerializedBm25): Bm25Index {
    if (data?.format !== 'synthkit-bm25' || data.version !== 1) throw new Error('not a synthkit BM25 index (version 1)');
    return new Bm25Index(
      { k1: data.k1, b: data.b },
      data.terms,
      new Int32Array(fromBase64(data.offsets)),
      new Int32Array(fromBase64(data.postingDocs)),
      new Uint16Array(fromBase64(data.postingTfs)),
      new Uint32Array(fromBase64(data.lengths)),
    );
  }
}

/** A bounded min-heap keeping the k best (score, doc) pairs; "worse" = lower score, then later doc. */
class TopK {
  private readonly docs: number[] = [];
  private readonly scores: number[] = [];
  constructor(private readonly k: number) {}

  offer(doc: number, score: number): void {
    if (this.k === 0) return;
    if (this.docs.length < this.k) {
      this.docs.push(doc);
      this.scores.push(score);
      this.up(this.docs.length - 1);
    } else if (this.worse(this.scores[0], this.docs[0], score, doc)) {
      this.docs[0] = doc;
      this.scores[0] = score;
      this.down(0);
    }
  }

  sorted(): Bm25Hit[] {
    return this.docs.map((doc, i) => ({ doc, score: this.scores[i] })).sort((x, y) => y.score - x.score || x.doc - y.doc);
  }

  /** Is (s1, d1) worse than (s2, d2)? */
  private worse(s1: number, d1: number, s2: number, d2: number): boolean {
    return s1 < s2 || (s1 === s2 && d1 > d2);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(this.scores[i], this.docs[i], this.scores[parent], this.docs[parent])) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.docs.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.worse(this.scores[l], this.docs[l], this.scores[m], this.docs[m])) m = l;
      if (r < n && this.worse(this.scores[r], this.docs[r], this.scores[m], this.docs[m])) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(i: number, j: number): void {
    [this.docs[i], this.docs[j]] = [this.docs[j], this.docs[i]];
    [this.scores[i], this.scores[j]] = [this.scores[j], this.scores[i]];
  }
}

function toBase64(array: Int32Array | Uint16Array | Uint32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

/** A fresh, aligned ArrayBuffer (Buffer pools are not aligned for 32-bit views). */
function fromBase64(text: string): ArrayBuffer {
  const bytes = Buffer.from(text, 'base64');
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}
