/**
 * `buildConceptGraph(kb)`: concepts from every chunk, linked by co-occurrence, with centrality —
 * the concept graph that SynthLLM samples concept combinations from (Qin et al., "Scaling Laws of
 * Synthetic Data for Language Models", 2025, section 2: extract high-level concepts per document,
 * build a concept graph, sample combinations by random walks).
 *
 * Extraction: RAKE candidates (extract-keyphrases.ts) ranked per chunk by RAKE score times
 * IDF over chunks (Spärck Jones 1972), so a phrase in every chunk ("housing agency") does not
 * crowd out the chunk's own topics; only concepts found in at least `minChunks` chunks are kept
 * (a concept seen once links nothing across the corpus). An LLM extractor can add to or replace
 * RAKE; its phrases are normalized to the same keys and obey the same limits.
 */
import { degreeCentrality, pageRank } from './centrality.js';
import { ConceptGraph, saveConceptGraph, type ConceptEdge, type ConceptNode } from './concept-graph.js';
import { conceptKey, extractKeyphrases } from './extract-keyphrases.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { Chunk } from './types.js';

/** Returns the key concepts of one chunk's text (e.g. an LLM asked for 3-8 short noun phrases). */
export type ConceptExtractor = (chunkText: string) => Promise<string[]>;

export interface BuildConceptGraphOptions {
  /** Optional LLM (or other) extractor, called once per chunk. */
  extract?: ConceptExtractor;
  /** Use RAKE too. Default true; false needs `extract`. */
  useRake?: boolean;
  /** Concepts kept per chunk (bounds edges per chunk to n(n-1)/2). Default 8. */
  maxConceptsPerChunk?: number;
  /** Minimum chunks a concept must occur in. Default 2. */
  minChunks?: number;
  /** Longest RAKE phrase kept, in words. Default 3. */
  maxWords?: number;
  /** Parallel `extract` calls. Default 4. */
  concurrency?: number;
  /** Write concept-graph.json into the knowledge base and attach the graph to `kb`. Default true. */
  save?: boolean;
}

interface Candidate {
  key: string;
  label: string;
  score: number;
}

export async function buildConceptGraph(kb: KnowledgeBase, options: BuildConceptGraphOptions = {}): Promise<ConceptGraph> {
  const useRake = options.useRake ?? true;
  if (!useRake && !options.extract) throw new Error('buildConceptGraph: useRake is false and no extract callback was given; nothing would extract concepts');
  const maxPerChunk = options.maxConceptsPerChunk ?? 8;
  const minChunks = options.minChunks ?? 2;
  const chunks = [...kb.chunks()];

  // 1. Candidates per chunk.
  const perChunk: Candidate[][] = chunks.map((chunk) => (useRake ? extractKeyphrases(chunk.text, { maxWords: options.maxWords ?? 3 }) : []));
  if (options.extract) {
    const llm = await mapLimit(chunks, options.concurrency ?? 4, (chunk) => options.extract!(chunk.text));
    llm.forEach((phrases, i) => {
      // LLM concepts rank above RAKE's: someone chose to pay for them.
      const top = perChunk[i].reduce((max, c) => Math.max(max, c.score), 1);
      const own = new Set(perChunk[i].map((c) => c.key));
      for (const phrase of phrases) {
        const key = conceptKey(phrase);
        if (key === '' || own.has(key)) continue;
        own.add(key);
        perChunk[i].push({ key, label: phrase.trim().toLowerCase(), score: top * 2 });
      }
    });
  }

  // 2. Chunk frequency, IDF-weighted ranking, top concepts per chunk.
  const chunkFrequency = new Map<string, number>();
  for (const candidates of perChunk) for (const c of candidates) chunkFrequency.set(c.key, (chunkFrequency.get(c.key) ?? 0) + 1);
  const n = chunks.length;
  const selected = perChunk.map((candidates) =>
    candidates
      .filter((c) => (chunkFrequency.get(c.key) ?? 0) >= minChunks)
      .map((c) => ({ ...c, score: c.score * Math.log(1 + n / (chunkFrequency.get(c.key) ?? 1)) }))
      .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1))
      .slice(0, maxPerChunk),
  );
  // A concept can lose its place in some chunks to better ones; keep only those still selected in
  // minChunks chunks, so every node links at least that many chunks.
  const selectedFrequency = new Map<string, number>();
  for (const concepts of selected) for (const c of concepts) selectedFrequency.set(c.key, (selectedFrequency.get(c.key) ?? 0) + 1);
  const kept = selected.map((concepts) => concepts.filter((c) => (selectedFrequency.get(c.key) ?? 0) >= minChunks));

  // 3. Nodes and co-occurrence edges.
  const nodes = new Map<string, { chunkIds: string[]; docs: Set<string>; labels: Map<string, number> }>();
  const edges = new Map<string, { weight: number; docs: Set<string> }>();
  kept.forEach((concepts, i) => {
    const chunk = chunks[i];
    const doc = documentOf(chunk);
    const keys = [...new Set(concepts.map((c) => c.key))].sort();
    for (const c of concepts) {
      let node = nodes.get(c.key);
      if (!node) nodes.set(c.key, (node = { chunkIds: [], docs: new Set(), labels: new Map() }));
      if (node.chunkIds[node.chunkIds.length - 1] !== chunk.id) node.chunkIds.push(chunk.id);
      node.docs.add(doc);
      node.labels.set(c.label, (node.labels.get(c.label) ?? 0) + 1);
    }
    for (let a = 0; a < keys.length; a++) {
      for (let b = a + 1; b < keys.length; b++) {
        const id = `${keys[a]}\u0000${keys[b]}`;
        let edge = edges.get(id);
        if (!edge) edges.set(id, (edge = { weight: 0, docs: new Set() }));
        edge.weight++;
        edge.docs.add(doc);
      }
    }
  });

  const nodeList: ConceptNode[] = [...nodes.keys()].sort().map((id) => {
    const node = nodes.get(id)!;
    const label = [...node.labels].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    return { id, label, chunkIds: node.chunkIds, documents: node.docs.size, degree: 0, weightedDegree: 0, pageRank: 0 };
  });
  const edgeList: ConceptEdge[] = [...edges.keys()].sort().map((id) => {
    const [source, target] = id.split('\u0000');
    const edge = edges.get(id)!;
    return { source, target, weight: edge.weight, documents: edge.docs.size };
  });

  const extractor = [useRake ? 'rake' : '', options.extract ? 'llm' : ''].filter(Boolean).join('+');
  const graph = new ConceptGraph({
    format: 'synthkit-concept-graph',
    version: 1,
    generation: kb.generation,
    extractor,
    chunkCount: n,
    nodes: nodeList,
    edges: edgeList,
  });

  // 4. Centrality, stored on the nodes so readers of the JSON get it too.
  const { degree, weightedDegree } = degreeCentrality(graph);
  const ranks = pageRank(graph);
  nodeList.forEach((node, i) => {
    node.degree = degree[i];
    node.weightedDegree = weightedDegree[i];
    node.pageRank = ranks[i];
  });

  if (options.save ?? true) {
    await saveConceptGraph(kb.dir, graph);
    kb.useConceptGraph(graph);
  }
  return graph;
}

function documentOf(chunk: Chunk): string {
  return chunk.document === undefined ? chunk.source : `${chunk.source}#${chunk.document}`;
}

/** Maps with at most `limit` calls in flight, results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
