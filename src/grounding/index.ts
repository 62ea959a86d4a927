/** Grounding: the user's documents as a knowledge base, retrieval with provenance, concept graphs. */
export { ingest, DEFAULT_MAX_FILE_BYTES, type IngestOptions } from './ingest.js';
export {
  openKnowledgeBase,
  type KnowledgeBase,
  type KbSearchOptions,
  type HybridSearchOptions,
  type RelatedChunk,
  type OpenKnowledgeBaseOptions,
} from './knowledge-base.js';
export { KnowledgeBaseError } from './knowledge-base-error.js';
export type { Chunk, SearchHit, IngestSummary, SkippedFile, SkipCode, EmbedFn, ExtractedDocument } from './types.js';
export { chunkText, DEFAULT_MAX_TOKENS, DEFAULT_OVERLAP_TOKENS, type ChunkOptions, type ChunkSpan } from './chunk-text.js';
export { Bm25Index, DEFAULT_BM25, type Bm25Params, type Bm25Hit } from './bm25-index.js';
export { reciprocalRankFusion, DEFAULT_RRF_K } from './reciprocal-rank-fusion.js';
export { extractKeyphrases, conceptKey, type Keyphrase } from './extract-keyphrases.js';
export {
  ConceptGraph,
  loadConceptGraph,
  saveConceptGraph,
  CONCEPT_GRAPH_FILE,
  type ConceptNode,
  type ConceptEdge,
  type ConceptGraphData,
} from './concept-graph.js';
export { buildConceptGraph, type BuildConceptGraphOptions, type ConceptExtractor } from './build-concept-graph.js';
export { sampleConceptCombination, ConceptSamplingError, type ConceptCombination, type SampleCombinationOptions } from './sample-concept-combination.js';
export { degreeCentrality, pageRank, type PageRankOptions } from './centrality.js';
export { conceptGraphToGraphML } from './graph-export.js';
