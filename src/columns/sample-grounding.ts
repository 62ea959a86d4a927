/**
 * Values of the grounding columns: a document chunk (or a related pair, for multi-hop questions)
 * walked evenly through the knowledge base (documents taking turns, then every chunk once a cycle), and a combination of 2-4 connected concepts drawn by a
 * random walk on the concept graph with the passages where they occur. Each value carries its
 * sources (id, file, offsets) and a `block` of the passages fenced as data for prompts.
 */
import type { Chunk } from '../grounding/types.js';
import { sampleConceptCombination } from '../grounding/sample-concept-combination.js';
import { formatPassages } from '../prompting/format-passages.js';
import { stratifiedCycleIndex } from '../samplers/even-cycle.js';
import type { Rng } from '../core/rng-types.js';
import type { OpenedKnowledgeBase } from './open-knowledge-bases.js';
import { ColumnError } from './column-error.js';

export interface SourceRef {
  id: string;
  source: string;
  start: number;
  end: number;
  score?: number;
}

export function sourceRef(chunk: Pick<Chunk, 'id' | 'source' | 'start' | 'end'> & { score?: number }): SourceRef {
  return { id: chunk.id, source: chunk.source, start: chunk.start, end: chunk.end, ...(chunk.score === undefined ? {} : { score: chunk.score }) };
}

function passageValue(chunk: Chunk) {
  return { ...sourceRef(chunk), heading: chunk.heading ?? null, text: chunk.text };
}

/**
 * Chunks below this many tokens are not walked to as a record's passage (unless every chunk is):
 * a one-line disclaimer or a lone "See appendix." before the next heading gives a model nothing to
 * write from, and the real model invented content from exactly such a line. 16 tokens is about a
 * sentence. They stay in the knowledge base for retrieval.
 */
export const DEFAULT_MIN_PASSAGE_TOKENS = 16;

interface Walk {
  chunks: readonly Chunk[];
  /** Each chunk's document (file, and record for multi-document files): the walk's groups. */
  documents: readonly string[];
}

/** The chunks a walk visits, per chunk list and minimum (computed once per run, not per record). */
const walks = new WeakMap<readonly Chunk[], Map<number, Walk>>();
function walkOf(chunks: readonly Chunk[], minTokens: number): Walk {
  let byMin = walks.get(chunks);
  if (!byMin) walks.set(chunks, (byMin = new Map()));
  let walk = byMin.get(minTokens);
  if (!walk) {
    const big = chunks.filter((c) => c.tokens >= minTokens);
    const pool = big.length ? big : chunks;
    byMin.set(minTokens, (walk = { chunks: pool, documents: pool.map((c) => `${c.source}\0${c.document ?? ''}`) }));
  }
  return walk;
}

export function pickDocumentChunk(
  opened: OpenedKnowledgeBase,
  mode: 'single' | 'pair',
  idx: number,
  seed: number,
  column: string,
  minTokens = DEFAULT_MIN_PASSAGE_TOKENS,
) {
  if (!opened.chunks.length) throw new ColumnError(`column '${column}': the knowledge base has no chunks (did the ingest skip every file?)`);
  // Documents take turns, so a run reaches every document before it goes deeper into any.
  const walk = walkOf(opened.chunks, minTokens);
  const first = walk.chunks[stratifiedCycleIndex(walk.documents, idx, seed, column)];
  if (mode === 'single') return { ...passageValue(first), block: formatPassages([first]), sources: [sourceRef(first)] };
  // The related chunk comes from shared concepts or BM25 similarity; a one-chunk base pairs with itself.
  const second = opened.kb.relatedChunks(first.id, 1)[0]?.chunk ?? first;
  return {
    first: passageValue(first),
    second: passageValue(second),
    block: formatPassages([first, second]),
    sources: [sourceRef(first), sourceRef(second)],
  };
}

const MAX_CONCEPT_PASSAGES = 4;

export function pickConcepts(opened: OpenedKnowledgeBase, rng: Rng, min: number, max: number) {
  const combo = sampleConceptCombination(opened.graph!, rng, { min, max });
  // Prefer chunks where concepts meet; then one chunk per concept, up to a handful.
  const ids = [...new Set([...combo.sharedChunkIds, ...combo.concepts.map((c) => combo.chunksByConcept[c]?.[0]).filter(Boolean)])].slice(
    0,
    MAX_CONCEPT_PASSAGES,
  );
  const chunks = ids.map((id) => opened.kb.chunk(id)!).filter(Boolean);
  return { concepts: combo.concepts, block: formatPassages(chunks), sources: chunks.map(sourceRef) };
}

/** A grounding value as the dataset keeps it: the fenced prompt block and the sources (exported in _sources) would only repeat the passage. */
export function withoutPromptFields(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'block' && k !== 'sources'));
}
