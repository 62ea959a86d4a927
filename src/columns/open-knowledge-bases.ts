/**
 * Opens the knowledge bases a plan reads, once per run. A folder that holds a knowledge base is
 * opened as it is; a folder of documents is ingested first into the run directory (unchanged files
 * are skipped by content hash, so a resumed run does not redo it). Concept graphs are built on
 * first use and saved beside the knowledge base.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ColumnBase, KnowledgeBaseUse } from './column-kind.js';
import type { ColumnRegistry } from './create-column-registry.js';
import { ingest } from '../grounding/ingest.js';
import { KB_DATABASE } from '../grounding/kb-store.js';
import { openKnowledgeBase, type KnowledgeBase } from '../grounding/knowledge-base.js';
import { buildConceptGraph } from '../grounding/build-concept-graph.js';
import type { ConceptGraph } from '../grounding/concept-graph.js';
import type { Chunk } from '../grounding/types.js';
import { deriveSeed } from '../core/rng.js';
import { createEmbedder, type Embedder } from '../models/embedders.js';
import { readEmbedderSpec } from '../grounding/kb-embedder.js';
import { KnowledgeBaseError } from '../grounding/knowledge-base-error.js';

export interface OpenedKnowledgeBase {
  kb: KnowledgeBase;
  /** Embeds queries for hybrid retrieval, when a column asks for it. */
  embedder?: Embedder;
  /** Chunks in a stable order (by id), for walking. */
  chunks: Chunk[];
  graph?: ConceptGraph;
}

/** What opening needs of a plan: its columns and the kinds that say which knowledge bases they read. */
export interface KnowledgeBaseReaders {
  columns: readonly { column: ColumnBase }[];
  kinds: ColumnRegistry;
}

export async function openKnowledgeBases(plan: KnowledgeBaseReaders, runDir: string): Promise<Map<string, OpenedKnowledgeBase>> {
  // What every column asks of each knowledge base, merged: one embedder and one graph per base.
  const needs = new Map<string, KnowledgeBaseUse>();
  for (const { column } of plan.columns) {
    for (const use of plan.kinds.knowledgeBasesOf(column)) {
      const seen = needs.get(use.path);
      needs.set(use.path, { ...use, hybrid: seen?.hybrid || use.hybrid, conceptGraph: seen?.conceptGraph || use.conceptGraph });
    }
  }
  const opened = new Map<string, OpenedKnowledgeBase>();
  for (const { path, hybrid, conceptGraph } of needs.values()) {
    let dir = path;
    if (!existsSync(join(path, KB_DATABASE))) {
      dir = join(runDir, 'kb', `${basename(path)}-${deriveSeed(path).toString(16)}`);
      await ingest([path], dir);
    }
    const spec = hybrid ? readEmbedderSpec(dir) : undefined;
    if (hybrid && !spec) throw new KnowledgeBaseError(`${path} has no embeddings: ingest it with --embed <spec> for hybrid retrieval, or drop hybrid: true`);
    const embedder = spec ? await createEmbedder(spec) : undefined;
    const kb = await openKnowledgeBase(dir, { embed: embedder ? (texts) => embedder.embed(texts) : undefined });
    const entry: OpenedKnowledgeBase = { kb, embedder, chunks: [...kb.chunks()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
    if (conceptGraph) entry.graph = kb.conceptGraph ?? (await buildConceptGraph(kb));
    opened.set(path, entry);
  }
  return opened;
}

export async function closeKnowledgeBases(opened: Map<string, OpenedKnowledgeBase>): Promise<void> {
  await Promise.all([...opened.values()].map((o) => o.embedder?.close()));
}
