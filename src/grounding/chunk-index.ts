/**
 * The BM25 index over a knowledge base's chunks and its snapshot file (`bm25.json`).
 *
 * Each chunk is indexed with the headings above it that its text does not already contain, so a
 * passage deep in "Appeals > Deadlines" still matches "appeal deadline" (a contextual header, as
 * in Anthropic's "Contextual Retrieval", 2024, without the model call).
 *
 * The snapshot records the store generation it was built from; a mismatch (an ingest that died
 * between committing chunks and writing the snapshot) means rebuild, never a wrong answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/write-atomic.js';
import { Bm25Index, type SerializedBm25 } from './bm25-index.js';
import type { Chunk } from './types.js';

export const BM25_SNAPSHOT = 'bm25.json';

export function indexedText(chunk: Chunk): string {
  const missing = chunk.headingPath.filter((heading) => !chunk.text.includes(heading));
  return missing.length === 0 ? chunk.text : `${missing.join('\n')}\n${chunk.text}`;
}

export function buildChunkIndex(chunks: readonly Chunk[]): Bm25Index {
  return Bm25Index.build(chunks.map(indexedText));
}

export async function writeChunkIndex(dir: string, generation: number, index: Bm25Index): Promise<void> {
  await writeFileAtomic(join(dir, BM25_SNAPSHOT), JSON.stringify({ generation, index: index.toJSON() }));
}

/** The saved index if it matches `generation` and `chunkCount`, else undefined (caller rebuilds). */
export function readChunkIndex(dir: string, generation: number, chunkCount: number): Bm25Index | undefined {
  try {
    const saved = JSON.parse(readFileSync(join(dir, BM25_SNAPSHOT), 'utf8')) as { generation: number; index: SerializedBm25 };
    if (saved.generation !== generation) return undefined;
    const index = Bm25Index.fromJSON(saved.index);
    return index.size === chunkCount ? index : undefined;
  } catch {
    return undefined;
  }
}
