import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConceptGraph } from '../../src/grounding/build-concept-graph.js';
import { degreeCentrality, pageRank } from '../../src/grounding/centrality.js';
import { CONCEPT_GRAPH_FILE, ConceptGraph, loadConceptGraph, type ConceptGraphData } from '../../src/grounding/concept-graph.js';
import { extractKeyphrases } from '../../src/grounding/extract-keyphrases.js';
import { conceptGraphToGraphML } from '../../src/grounding/graph-export.js';
import { ingest } from '../../src/grounding/ingest.js';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/grounding/knowledge-base.js';
import { sampleConceptCombination } from '../../src/grounding/sample-concept-combination.js';
import { createRng } from '../../src/core/rng.js';
import { ROOT, tempDir } from '../support/paths.js';

describe('extractKeyphrases (RAKE)', () => {
  it('splits candidates at stopwords, punctuation and numbers, and scores longer phrases higher', () => {
    const phrases = extractKeyphrases('The income ceiling for rental flats is 38,000 credits. Rental flats are let by the agency.');
    expect(phrases.map((p) => p.key)).toEqual(['income ceiling', 'rental flat', 'credit', 'let', 'agency']);
    const [income, rental] = phrases;
    // income: deg 2 / freq 1 = 2, ceiling: 2 -> 4; rental: deg 4 / freq 2 = 2, flat: 2 -> 4; ties keep text order.
    expect([income.score, rental.score]).toEqual([4, 4]);
    expect(rental.label).toBe('rental flats');
  });
});

/** Hand graph: A is linked to B, C and D; C and D are also linked. */
function handGraph(): ConceptGraph {
  const node = (id: string) => ({ id, label: id, chunkIds: [`c${id}`], documents: 1, degree: 0, weightedDegree: 0, pageRank: 0 });
  const edge = (source: string, target: string, weight = 1) => ({ source, target, weight, documents: 1 });
  const data: ConceptGraphData = {
    format: 'synthkit-concept-graph',
    version: 1,
    generation: 1,
    extractor: 'test',
    chunkCount: 4,
    nodes: ['A', 'B', 'C', 'D'].map(node),
    edges: [edge('A', 'B'), edge('A', 'C'), edge('A', 'D'), edge('C', 'D', 2)],
  };
  return new ConceptGraph(data);
}

describe('centrality', () => {
  it('computes degree and weighted degree', () => {
    expect(degreeCentrality(handGraph())).toEqual({ degree: [3, 1, 2, 2], weightedDegree: [3, 1, 3, 3] });
  });

  it('computes PageRank that sums to 1 and ranks the hub first', () => {
    const [a, b, c, d] = pageRank(handGraph());
    expect(a + b + c + d).toBeCloseTo(1, 12);
    expect(a).toBeGreaterThan(c);
    expect(c).toBeCloseTo(d, 12);
    expect(c).toBeGreaterThan(b);
    // Symmetric graph (triangle): every node 1/3.
    const triangle = {
      neighbours: [
        [1, 2],
        [0, 2],
        [0, 1],
      ],
      weights: [
        [1, 1],
        [1, 1],
        [1, 1],
      ],
    };
    for (const r of pageRank(triangle)) expect(r).toBeCloseTo(1 / 3, 12);
    // A lone node spreads its rank evenly (no rank is lost).
    const withIsolated = pageRank({ neighbours: [[1], [0], []], weights: [[1], [1], []] });
    expect(withIsolated.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });
});

describe('concept graph of the policy documents', () => {
  let dir: string;
  let kb: KnowledgeBase;
  let graph: ConceptGraph;
  beforeAll(async () => {
    dir = tempDir('synthkit-graph-');
    await ingest([join(ROOT, 'examples/policy-docs/documents')], join(dir, 'kb'));
    kb = await openKnowledgeBase(join(dir, 'kb'));
    graph = await buildConceptGraph(kb);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('links concepts that co-occur in chunks, merged across documents', () => {
    expect(graph.nodes.length).toBeGreaterThan(20);
    expect(graph.edges.length).toBeGreaterThan(graph.nodes.length);
    const chunkIds = new Set([...kb.chunks()].map((c) => c.id));
    for (const node of graph.nodes) {
      expect(node.chunkIds.length).toBeGreaterThanOrEqual(2); // minChunks
      for (const id of node.chunkIds) expect(chunkIds.has(id)).toBe(true);
    }
    for (const edge of graph.edges) {
      const a = new Set(graph.node(edge.source)!.chunkIds);
      const together = graph.node(edge.target)!.chunkIds.filter((id) => a.has(id)).length;
      expect(edge.weight).toBe(together);
    }
    const ceiling = graph.node('income ceiling')!;
    expect(ceiling.documents).toBeGreaterThanOrEqual(3);
    expect(graph.top(3).map((n) => n.id)).toContain('income ceiling');
    expect(graph.nodes.reduce((s, n) => s + n.pageRank, 0)).toBeCloseTo(1, 9);
  });

  it('is saved with the knowledge base and reloaded while current', async () => {
    expect(existsSync(join(dir, 'kb', CONCEPT_GRAPH_FILE))).toBe(true);
    expect(loadConceptGraph(join(dir, 'kb'))!.data).toEqual(graph.data);
    const reopened = await openKnowledgeBase(join(dir, 'kb'));
    expect(reopened.conceptGraph?.nodes.length).toBe(graph.nodes.length);
    expect(conceptGraphToGraphML(graph)).toMatch(/^<\?xml[\s\S]*<node id="income ceiling"><data key="label">income ceiling<\/data>[\s\S]*<\/graphml>\n$/);
  });

  it('samples connected combinations of 2-4 concepts, the same for the same seed', () => {
    const draw = (seed: number) => Array.from({ length: 25 }, (_, i) => sampleConceptCombination(graph, createRng(seed).fork(String(i))));
    const first = draw(11);
    expect(draw(11)).toEqual(first);
    expect(draw(12).map((c) => c.concepts)).not.toEqual(first.map((c) => c.concepts));
    for (const combo of first) {
      expect(combo.concepts.length).toBeGreaterThanOrEqual(2);
      expect(combo.concepts.length).toBeLessThanOrEqual(4);
      expect(
        isConnected(
          graph,
          combo.nodes.map((n) => graph.indexOf(n.id)!),
        ),
      ).toBe(true);
      const union = new Set(combo.nodes.flatMap((n) => n.chunkIds));
      expect(combo.chunkIds).toEqual([...union].sort());
      expect(combo.sharedChunkIds.length).toBeGreaterThan(0); // the first step follows an edge: its two ends share a chunk
    }
    expect(new Set(first.map((c) => c.concepts.length)).size).toBeGreaterThan(1);
    const exact = sampleConceptCombination(graph, createRng(1), { min: 3, max: 3 });
    expect(exact.concepts).toHaveLength(3);
  });

  it('takes concepts from an LLM extractor callback, normalized to the same keys', async () => {
    const extract = async (text: string) => (/tribunal|appeal/i.test(text) ? ['Appeals', 'the Housing Tribunal'] : ['Housing']);
    const llmGraph = await buildConceptGraph(kb, { extract, useRake: false, save: false });
    expect(llmGraph.data.extractor).toBe('llm');
    expect(llmGraph.nodes.map((n) => n.id).sort()).toEqual(['appeal', 'housing', 'the housing tribunal']);
    expect(llmGraph.node('appeal')!.label).toBe('appeals');
    await expect(buildConceptGraph(kb, { useRake: false })).rejects.toThrow(/nothing would extract/);
  });

  it('finds related chunks by shared concepts, never the chunk itself or its overlap', () => {
    const chunk = kb.search('review decision tribunal', { topK: 1 })[0];
    const related = kb.relatedChunks(chunk.id, 4);
    expect(related).toHaveLength(4);
    expect(related[0].via).toBe('concepts');
    expect(related[0].sharedConcepts.length).toBeGreaterThan(0);
    for (const r of related) expect(r.chunk.id).not.toBe(chunk.id);
    expect(related.map((r) => r.score)).toEqual([...related.map((r) => r.score)].sort((a, b) => b - a));
  });
});

function isConnected(graph: ConceptGraph, members: number[]): boolean {
  const inSet = new Set(members);
  const seen = new Set([members[0]]);
  const queue = [members[0]];
  while (queue.length > 0) {
    const i = queue.pop()!;
    for (const j of graph.neighbours[i]) {
      if (inSet.has(j) && !seen.has(j)) {
        seen.add(j);
        queue.push(j);
      }
    }
  }
  return seen.size === members.length;
}
