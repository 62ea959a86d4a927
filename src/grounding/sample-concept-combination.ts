/**
 * Samples a set of 2-4 related concepts from the concept graph by a weighted random walk, as
 * SynthLLM does to make questions that combine several concepts (Qin et al., 2025): start at a
 * concept chosen uniformly among those with neighbours (uniform, not by degree, so the long tail
 * of concepts gets used), then step to a neighbour with probability proportional to edge weight.
 * Each step leaves from a concept already in the set, so the set is always connected; when the
 * current concept has no unvisited neighbour the walk resumes from a random member of the set.
 * If the start's component is too small another start is tried.
 *
 * Draws only from the Rng it is given: the same seed gives the same combinations.
 */
import { SynthkitError } from '../core/synthkit-error.js';
import type { Rng } from '../core/rng-types.js';
import type { ConceptGraph, ConceptNode } from './concept-graph.js';

export interface ConceptCombination {
  /** Concept labels, in the order the walk reached them. */
  concepts: string[];
  nodes: ConceptNode[];
  /** Every chunk where any of the concepts occurs, sorted, without repeats. */
  chunkIds: string[];
  /** Chunks where at least two of the concepts occur together: the best grounding for the set. */
  sharedChunkIds: string[];
  /** Chunk ids per concept label. */
  chunksByConcept: Record<string, string[]>;
}

export interface SampleCombinationOptions {
  /** Fewest concepts. Default 2. */
  min?: number;
  /** Most concepts (the size is drawn uniformly in [min, max]). Default 4. */
  max?: number;
}

/** Restarts from a new start concept before giving up; enough for any graph with a large-enough component. */
const MAX_STARTS = 32;

export class ConceptSamplingError extends SynthkitError {}

export function sampleConceptCombination(graph: ConceptGraph, rng: Rng, options: SampleCombinationOptions = {}): ConceptCombination {
  const min = options.min ?? 2;
  const max = options.max ?? 4;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min) {
    throw new ConceptSamplingError(`sampleConceptCombination: need integers 1 <= min <= max, got min ${min}, max ${max}`);
  }
  const starts = graph.nodes.map((_, i) => i).filter((i) => graph.neighbours[i].length > 0 || min === 1);
  if (starts.length === 0) throw new ConceptSamplingError('the concept graph has no linked concepts; ingest more text or lower minChunks when building it');
  const size = rng.int(min, max);

  let best: number[] = [];
  for (let attempt = 0; attempt < MAX_STARTS; attempt++) {
    const chosen = walk(graph, rng, rng.pick(starts), size);
    if (chosen.length > best.length) best = chosen;
    if (chosen.length === size) break;
  }
  if (best.length < min) {
    throw new ConceptSamplingError(`no connected set of ${min} concepts found after ${MAX_STARTS} starts; the graph's components are too small`);
  }
  return describe(graph, best);
}

function walk(graph: ConceptGraph, rng: Rng, start: number, size: number): number[] {
  const chosen = [start];
  const inSet = new Set(chosen);
  let current = start;
  // Bounded: each round either adds a concept or moves to another member; a member with no
  // unvisited neighbour is dropped from the frontier.
  const frontier = new Set(chosen);
  while (chosen.length < size && frontier.size > 0) {
    const options: number[] = [];
    const weights: number[] = [];
    graph.neighbours[current].forEach((next, j) => {
      if (!inSet.has(next)) {
        options.push(next);
        weights.push(graph.weights[current][j]);
      }
    });
    if (options.length === 0) {
      frontier.delete(current);
      if (frontier.size === 0) break;
      current = rng.pick([...frontier]);
      continue;
    }
    const next = options[rng.weightedIndex(weights)];
    chosen.push(next);
    inSet.add(next);
    frontier.add(next);
    current = next;
  }
  return chosen;
}

function describe(graph: ConceptGraph, chosen: number[]): ConceptCombination {
  const nodes = chosen.map((i) => graph.nodes[i]);
  const chunksByConcept: Record<string, string[]> = {};
  const counts = new Map<string, number>();
  for (const node of nodes) {
    chunksByConcept[node.label] = [...node.chunkIds];
    for (const id of node.chunkIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const chunkIds = [...counts.keys()].sort();
  return {
    concepts: nodes.map((n) => n.label),
    nodes,
    chunkIds,
    sharedChunkIds: chunkIds.filter((id) => counts.get(id)! >= 2),
    chunksByConcept,
  };
}
