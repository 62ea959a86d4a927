/**
 * `openKnowledgeBase(dir)`: a knowledge base built by `ingest`, loaded for retrieval.
 *
 * Everything retrieval needs is read into memory once (chunks, the BM25 snapshot, embeddings if
 * any, the concept graph if it is current), and the database is closed again, so a knowledge base
 * holds no file handles and two of them (or two recipes using one) never interfere. `search` is
 * synchronous: an LLM column can ground every record without awaiting anything.
 */
import type { Bm25Index } from './bm25-index.js';
import { buildChunkIndex, readChunkIndex, writeChunkIndex } from './chunk-index.js';
import { type ConceptGraph, loadConceptGraph } from './concept-graph.js';
import { KbStore, isKnowledgeBase } from './kb-store.js';
import { KnowledgeBaseError } from './knowledge-base-error.js';
import { DEFAULT_RRF_K, reciprocalRankFusion } from './reciprocal-rank-fusion.js';
import { indexTerms } from './tokenize.js';
import type { Chunk, EmbedFn, SearchHit } from './types.js';
import { cosineTopK, normalize } from './vector-search.js';

export interface KbSearchOptions {
  /** Hits to return. Default 5. */
  topK?: number;
  /** Drop hits scoring below this (BM25 score for `search`, RRF score for `searchHybrid`). */
  minScore?: number;
}

export interface HybridSearchOptions extends KbSearchOptions {
  /** The query's embedding, if already computed; otherwise the `embed` given at open is called. */
  queryVector?: number[];
  /** Candidates taken from each ranking before fusion. Default 50. */
  candidates?: number;
  /** RRF constant. Default 60. */
  rrfK?: number;
}

/** A chunk related to another, for multi-hop questions that need both. */
export interface RelatedChunk {
  chunk: Chunk;
  score: number;
  /** "concepts": shares concepts in the concept graph; "bm25": lexically similar. */
  via: 'concepts' | 'bm25';
  /** Labels of the shared concepts (empty for "bm25"). */
  sharedConcepts: string[];
}

export interface KnowledgeBase {
  readonly dir: string;
  /** Store generation: changes whenever an ingest changes the chunk set. */
  readonly generation: number;
  readonly size: number;
  /** Whether chunks have embeddings (needed by `searchHybrid`). */
  readonly hasEmbeddings: boolean;
  /** The concept graph, when one was built for this generation. */
  readonly conceptGraph: ConceptGraph | undefined;
  search(query: string, options?: KbSearchOptions): SearchHit[];
  /** BM25 and embedding rankings fused by reciprocal rank fusion. */
  searchHybrid(query: string, options?: HybridSearchOptions): Promise<SearchHit[]>;
  chunks(): Iterable<Chunk>;
  chunk(id: string): Chunk | undefined;
  /**
   * The `k` chunks most related to chunk `id`, from other documents or non-overlapping parts of
   * the same one: by shared concepts when a concept graph is present, topped up by BM25 similarity.
   */
  relatedChunks(id: string, k?: number): RelatedChunk[];
  /** The full extracted text a chunk's offsets point into. */
  documentText(source: string, document?: string): string | undefined;
  /** Makes `graph` this knowledge base's concept graph (buildConceptGraph does it for you). */
  useConceptGraph(graph: ConceptGraph): void;
}

export interface OpenKnowledgeBaseOptions {
  /** Embeds queries for `searchHybrid`; must be the model the chunks were embedded with. */
  embed?: EmbedFn;
}

export async function openKnowledgeBase(dir: string, options: OpenKnowledgeBaseOptions = {}): Promise<KnowledgeBase> {
  if (!isKnowledgeBase(dir)) {
    throw new KnowledgeBaseError(`${dir} is not a knowledge base (no kb.sqlite); build one with \`synthkit ingest <files or folder> --kb ${dir}\``);
  }
  const store = KbStore.open(dir, { create: false });
  let chunks: Chunk[];
  let generation: number;
  let embeddings: Map<string, Float32Array>;
  try {
    generation = store.generation;
    chunks = [...store.chunks()];
    embeddings = store.getMeta('embedding_dims') ? store.embeddings() : new Map();
  } finally {
    store.close();
  }
  let index = readChunkIndex(dir, generation, chunks.length);
  if (!index) {
    index = buildChunkIndex(chunks);
    // Best effort: a read-only knowledge base still works, it just rebuilds on every open.
    await writeChunkIndex(dir, generation, index).catch(() => {});
  }
  const graph = loadConceptGraph(dir);
  return new LoadedKnowledgeBase(dir, generation, chunks, index, embeddings, graph?.generation === generation ? graph : undefined, options.embed);
}

class LoadedKnowledgeBase implements KnowledgeBase {
  private readonly byId: Map<string, number>;
  private readonly vectors: (Float32Array | undefined)[];
  private graph: ConceptGraph | undefined;

  constructor(
    readonly dir: string,
    readonly generation: number,
    private readonly all: Chunk[],
    private readonly index: Bm25Index,
    embeddings: Map<string, Float32Array>,
    graph: ConceptGraph | undefined,
    private readonly embed: EmbedFn | undefined,
  ) {
    this.byId = new Map(all.map((chunk, i) => [chunk.id, i]));
    this.vectors = all.map((chunk) => {
      const v = embeddings.get(chunk.id);
      return v === undefined ? undefined : normalize(v);
    });
    this.graph = graph;
  }

  get size(): number {
    return this.all.length;
  }

  get hasEmbeddings(): boolean {
    return this.vectors.some((v) => v !== undefined);
  }

  get conceptGraph(): ConceptGraph | undefined {
    return this.graph;
  }

  useConceptGraph(graph: ConceptGraph): void {
    if (graph.generation !== this.generation) {
      throw new KnowledgeBaseError(`concept graph was built from generation ${graph.generation}, this knowledge base is at ${this.generation}; rebuild it`);
    }
    this.graph = graph;
  }

  search(query: string, options: KbSearchOptions = {}): SearchHit[] {
    return this.index.search(query, options.topK ?? 5, { minScore: options.minScore }).map(({ doc, score }) => toHit(this.all[doc], score));
  }

  async searchHybrid(query: string, options: HybridSearchOptions = {}): Promise<SearchHit[]> {
    if (!this.hasEmbeddings) {
      throw new KnowledgeBaseError(`${this.dir} has no embeddings; ingest again with an embed callback (or use search for BM25 only)`);
    }
    let queryVector = options.queryVector;
    if (!queryVector) {
      if (!this.embed)
        throw new KnowledgeBaseError('searchHybrid needs a query vector: pass options.queryVector or open the knowledge base with an embed callback');
      [queryVector] = await this.embed([query]);
    }
    const candidates = options.candidates ?? 50;
    const lexical = this.index.search(query, candidates).map((hit) => this.all[hit.doc].id);
    const semantic = cosineTopK(queryVector, this.vectors, candidates).map((hit) => this.all[hit.index].id);
    const minScore = options.minScore ?? -Infinity;
    return reciprocalRankFusion([lexical, semantic], options.rrfK ?? DEFAULT_RRF_K)
      .filter((fused) => fused.score >= minScore)
      .slice(0, options.topK ?? 5)
      .map((fused) => toHit(this.all[this.byId.get(fused.id)!], fused.score));
  }

  *chunks(): Iterable<Chunk> {
    yield* this.all;
  }

  chunk(id: string): Chunk | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.all[i];
  }

  relatedChunks(id: string, k = 5): RelatedChunk[] {
    const i = this.byId.get(id);
    if (i === undefined) throw new KnowledgeBaseError(`no chunk with id "${id}" in ${this.dir}`);
    const self = this.all[i];
    const eligible = (other: Chunk) => other.id !== self.id && !overlaps(self, other);
    const related: RelatedChunk[] = [];
    const taken = new Set<string>([self.id]);

    const graph = this.graph;
    if (graph) {
      // Shared concepts, each weighted by its rarity: sharing "appeal deadline" says more than
      // sharing a concept found in every other chunk.
      const scores = new Map<string, { score: number; shared: string[] }>();
      for (const c of graph.conceptsOfChunk(self.id)) {
        const node = graph.nodes[c];
        const weight = Math.log(1 + this.all.length / node.chunkIds.length);
        for (const other of node.chunkIds) {
          const entry = scores.get(other) ?? { score: 0, shared: [] };
          entry.score += weight;
          entry.shared.push(node.label);
          scores.set(other, entry);
        }
      }
      const ranked = [...scores]
        .map(([otherId, entry]) => ({ chunk: this.chunk(otherId), ...entry }))
        .filter((r): r is { chunk: Chunk; score: number; shared: string[] } => r.chunk !== undefined && eligible(r.chunk))
        .sort((a, b) => b.score - a.score || this.byId.get(a.chunk.id)! - this.byId.get(b.chunk.id)!);
      for (const r of ranked.slice(0, k)) {
        related.push({ chunk: r.chunk, score: r.score, via: 'concepts', sharedConcepts: r.shared });
        taken.add(r.chunk.id);
      }
    }
    if (related.length < k) {
      // The chunk's most distinctive terms as a query (top tf-idf), as in "more like this" search.
      const counts = new Map<string, number>();
      for (const term of indexTerms(self.text)) counts.set(term, (counts.get(term) ?? 0) + 1);
      const terms = [...counts]
        .map(([term, tf]) => ({ term, weight: tf * this.index.idf(term) }))
        .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
        .slice(0, 16)
        .map((t) => t.term);
      const hits = this.index.searchTerms(terms, k - related.length, {
        exclude: (doc) => taken.has(this.all[doc].id) || !eligible(this.all[doc]),
      });
      for (const hit of hits) related.push({ chunk: this.all[hit.doc], score: hit.score, via: 'bm25', sharedConcepts: [] });
    }
    return related;
  }

  documentText(source: string, document?: string): string | undefined {
    const store = KbStore.open(this.dir, { create: false });
    try {
      return store.documentText(source, document);
    } finally {
      store.close();
    }
  }
}

/** Same document and overlapping offsets: neighbours sharing overlap text are not "related". */
function overlaps(a: Chunk, b: Chunk): boolean {
  return a.source === b.source && a.document === b.document && a.start < b.end && b.start < a.end;
}

function toHit(chunk: Chunk, score: number): SearchHit {
  const hit: SearchHit = { id: chunk.id, text: chunk.text, source: chunk.source, start: chunk.start, end: chunk.end, score };
  if (chunk.heading !== undefined) hit.heading = chunk.heading;
  if (chunk.document !== undefined) hit.document = chunk.document;
  if (chunk.title !== undefined) hit.title = chunk.title;
  return hit;
}
