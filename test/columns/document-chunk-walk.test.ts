import { describe, expect, it } from 'vitest';
import type { OpenedKnowledgeBase } from '../../src/columns/open-knowledge-bases.js';
import { pickDocumentChunk } from '../../src/columns/sample-grounding.js';
import type { Chunk } from '../../src/grounding/types.js';

const chunk = (n: number, tokens: number, source = 'doc.md'): Chunk => ({
  id: `c:${n}`,
  source,
  text: `chunk ${n}`,
  start: n * 10,
  end: n * 10 + 5,
  headingPath: [],
  tokens,
});
const opened = (chunks: Chunk[]) => ({ chunks, kb: { relatedChunks: () => [] } }) as unknown as OpenedKnowledgeBase;
const walk = (kb: OpenedKnowledgeBase, records: number, minTokens?: number) =>
  new Set(Array.from({ length: records }, (_, idx) => pickDocumentChunk(kb, 'single', idx, 7, 'passage', minTokens).sources[0].id));

describe('the document-chunk walk', () => {
  it('does not walk to chunks below min_tokens (a one-line disclaimer), and visits every other chunk evenly', () => {
    const kb = opened([chunk(0, 9), chunk(1, 120), chunk(2, 200), chunk(3, 15), chunk(4, 64)]);
    expect(walk(kb, 9)).toEqual(new Set(['c:1', 'c:2', 'c:4']));
    expect(walk(kb, 10, 0)).toEqual(new Set(['c:0', 'c:1', 'c:2', 'c:3', 'c:4']));
  });

  it('lets documents take turns: the first records reach every document, a cycle every chunk once', () => {
    const chunks = [0, 1, 2, 3, 4].map((n) => chunk(n, 50, 'long.md'));
    chunks.push(chunk(5, 50, 'short.md'), chunk(6, 50, 'faq.txt'));
    const kb = opened(chunks);
    for (const seed of [1, 2, 3]) {
      const first = Array.from({ length: 3 }, (_, idx) => pickDocumentChunk(kb, 'single', idx, seed, 'passage').sources[0].source);
      expect(new Set(first)).toEqual(new Set(['long.md', 'short.md', 'faq.txt']));
      const cycle = Array.from({ length: 7 }, (_, idx) => pickDocumentChunk(kb, 'single', idx, seed, 'passage').sources[0].id);
      expect(new Set(cycle).size).toBe(7);
    }
  });

  it('walks every chunk when all are small, rather than none', () => {
    expect(walk(opened([chunk(0, 5), chunk(1, 6)]), 4)).toEqual(new Set(['c:0', 'c:1']));
  });
});
