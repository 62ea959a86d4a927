/**
 * A document-chunk column: a passage of a knowledge base per record (or a related pair, for
 * multi-hop questions), walked evenly through the chunks. The value carries its sources and a
 * `block` of the passages fenced as data for prompts; the dataset keeps the passage, and the
 * sources go to `_sources`.
 */
import { z } from 'zod';
import { columnSchema, defineColumnKind } from './column-kind.js';
import { pickDocumentChunk, withoutPromptFields } from './sample-grounding.js';

export const documentChunkKind = defineColumnKind({
  untrusted: true,
  schema: columnSchema('document-chunk', {
    /** A knowledge base made by `synthkit ingest`, or a folder of documents ingested into the run directory. */
    kb: z.string().min(1),
    /** single: one chunk per record; pair: a chunk and a related one from elsewhere (multi-hop). */
    mode: z.enum(['single', 'pair']).optional(),
    /** Chunks with fewer tokens are not walked to (default DEFAULT_MIN_PASSAGE_TOKENS, 16; 0 walks all). */
    min_tokens: z.number().int().min(0).optional(),
  }),
  knowledgeBases: (column) => [{ path: column.kb, field: ['kb'] }],
  resolvePaths: (column, resolve) => ({ ...column, kb: resolve(column.kb) }),
  sample({ column }, { idx, run }) {
    const value = pickDocumentChunk(run.kbs.get(column.kb)!, column.mode ?? 'single', idx, run.seed, column.name, column.min_tokens);
    return { value, sources: value.sources };
  },
  exported: (column) => ({ fields: [{ name: column.name, read: (data) => withoutPromptFields(data[column.name]) }], extras: ['_sources'] }),
});
