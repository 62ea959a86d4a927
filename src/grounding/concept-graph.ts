/**
 * The concept graph of a knowledge base: one node per concept (merged across chunks and
 * documents), an undirected edge between two concepts for every chunk that holds both (weight =
 * number of such chunks, plus the number of distinct documents where they meet, so a link seen in
 * several documents can be told from one repeated inside one document). Persisted as JSON
 * (`concept-graph.json`) with the knowledge-base generation it was built from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/write-atomic.js';
import type { WeightedAdjacency } from './centrality.js';

export const CONCEPT_GRAPH_FILE = 'concept-graph.json';

export interface ConceptNode {
  /** Normalized key (see extract-keyphrases.ts). */
  id: string;
  /** Most frequent surface form. */
  label: string;
  /** Chunks where the concept was extracted, in knowledge-base order. */
  chunkIds: string[];
  /** Distinct documents (source, record) holding it. */
  documents: number;
  degree: number;
  weightedDegree: number;
  pageRank: number;
}

export interface ConceptEdge {
  source: string;
  target: string;
  /** Chunks holding both concepts. */
  weight: number;
  /** Distinct documents holding both in one chunk. */
  documents: number;
}

export interface ConceptGraphData {
  format: 'synthkit-concept-graph';
  version: 1;
  /** Knowledge-base generation the graph was built from. */
  generation: number;
  /** "rake", "llm" or "rake+llm". */
  extractor: string;
  chunkCount: number;
  nodes: ConceptNode[];
  edges: ConceptEdge[];
}

export class ConceptGraph implements WeightedAdjacency {
  readonly neighbours: number[][];
  readonly weights: number[][];
  private readonly indexById: Map<string, number>;
  private conceptsByChunk: Map<string, number[]> | undefined;

  constructor(readonly data: ConceptGraphData) {
    this.indexById = new Map(data.nodes.map((node, i) => [node.id, i]));
    this.neighbours = data.nodes.map(() => []);
    this.weights = data.nodes.map(() => []);
    for (const edge of data.edges) {
      const a = this.indexById.get(edge.source);
      const b = this.indexById.get(edge.target);
      if (a === undefined || b === undefined) throw new Error(`concept graph: edge ${edge.source} -- ${edge.target} names an unknown node`);
      this.neighbours[a].push(b);
      this.weights[a].push(edge.weight);
      this.neighbours[b].push(a);
      this.weights[b].push(edge.weight);
    }
  }

  get nodes(): readonly ConceptNode[] {
    return this.data.nodes;
  }

  get edges(): readonly ConceptEdge[] {
    return this.data.edges;
  }

  get generation(): number {
    return this.data.generation;
  }

  indexOf(id: string): number | undefined {
    return this.indexById.get(id);
  }

  node(id: string): ConceptNode | undefined {
    const i = this.indexById.get(id);
    return i === undefined ? undefined : this.data.nodes[i];
  }

  /** Node indices of the concepts extracted from a chunk. */
  conceptsOfChunk(chunkId: string): readonly number[] {
    if (!this.conceptsByChunk) {
      this.conceptsByChunk = new Map();
      this.data.nodes.forEach((node, i) => {
        for (const id of node.chunkIds) {
          const list = this.conceptsByChunk!.get(id);
          if (list) list.push(i);
          else this.conceptsByChunk!.set(id, [i]);
        }
      });
    }
    return this.conceptsByChunk.get(chunkId) ?? [];
  }

  /** The `n` most central concepts, by PageRank or degree (ties: more chunks, then id). */
  top(n: number, by: 'pageRank' | 'degree' = 'pageRank'): ConceptNode[] {
    return [...this.data.nodes].sort((a, b) => b[by] - a[by] || b.chunkIds.length - a.chunkIds.length || (a.id < b.id ? -1 : 1)).slice(0, n);
  }

  toJSON(): ConceptGraphData {
    return this.data;
  }
}

export async function saveConceptGraph(kbDir: string, graph: ConceptGraph): Promise<void> {
  await writeFileAtomic(join(kbDir, CONCEPT_GRAPH_FILE), JSON.stringify(graph.data));
}

/** The saved graph, or undefined if there is none or it is unreadable. Check `generation` for staleness. */
export function loadConceptGraph(kbDir: string): ConceptGraph | undefined {
  let data: ConceptGraphData;
  try {
    data = JSON.parse(readFileSync(join(kbDir, CONCEPT_GRAPH_FILE), 'utf8')) as ConceptGraphData;
  } catch {
    return undefined;
  }
  if (data?.format !== 'synthkit-concept-graph' || data.version !== 1) return undefined;
  return new ConceptGraph(data);
}
