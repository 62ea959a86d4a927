/**
 * Which embedder made a knowledge base's vectors, kept beside them (embedder.json), so hybrid
 * retrieval embeds queries with the same model. Changing embedders means ingesting into a new
 * knowledge base: vectors of two models cannot be compared.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/write-atomic.js';
import { KnowledgeBaseError } from './knowledge-base-error.js';

const FILE = 'embedder.json';

export function readEmbedderSpec(kbDir: string): string | undefined {
  const file = join(kbDir, FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { spec: string }).spec : undefined;
}

export async function recordEmbedder(kbDir: string, spec: string): Promise<void> {
  const previous = readEmbedderSpec(kbDir);
  if (previous && previous !== spec) {
    throw new KnowledgeBaseError(`${kbDir} was embedded with ${previous}; vectors of ${spec} cannot be mixed with them. Ingest into a new --kb folder.`);
  }
  mkdirSync(kbDir, { recursive: true });
  await writeFileAtomic(join(kbDir, FILE), JSON.stringify({ spec }, null, 2));
}
