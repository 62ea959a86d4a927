/**
 * `ingest(paths, kbDir)`: builds or updates a knowledge base from the user's files.
 *
 * Per file: size check, read, content hash (unchanged hash at the same source = skip), extract,
 * chunk, store. A file that cannot be used (unsupported, empty, binary, too large, unreadable, a
 * PDF without a text layer, a duplicate of another file) is reported in `summary.skipped` with its
 * reason and the ingest goes on. Files ingested before from a folder given again but gone now are
 * removed (re-ingesting a folder mirrors it). Then embeddings for chunks that lack one, when an
 * `embed` callback is given, and the BM25 snapshot when the chunk set changed.
 */
import { readFile, stat } from 'node:fs/promises';
import { chunkText, DEFAULT_MAX_TOKENS, DEFAULT_OVERLAP_TOKENS, type ChunkOptions } from './chunk-text.js';
import { buildChunkIndex, readChunkIndex, writeChunkIndex } from './chunk-index.js';
import { chunkId, contentHash } from './content-hash.js';
import { createHtmlExtractor } from './extract-html.js';
import { extractDocuments, type Extractors } from './extract-text.js';
import { KbStore, type StoredFile } from './kb-store.js';
import { KnowledgeBaseError } from './knowledge-base-error.js';
import { listInputFiles } from './list-input-files.js';
import type { Chunk, EmbedFn, IngestSummary, SkippedFile } from './types.js';

export interface IngestOptions extends ChunkOptions {
  /** Folder that sources are relative to; default: the deepest folder containing all paths. */
  baseDir?: string;
  /** Files larger than this are skipped unread. Default 50 MB (the issue's limit). */
  maxFileBytes?: number;
  /** Computes embeddings for chunks without one; without it the knowledge base is BM25-only. */
  embed?: EmbedFn;
  /** Texts per `embed` call. Default 64. */
  embedBatchSize?: number;
  /** Remove files ingested before from a given folder that are no longer in it. Default true. */
  removeMissing?: boolean;
  /** Called after each file, e.g. for a progress bar. */
  onFile?: (event: { source: string; status: 'added' | 'updated' | 'unchanged' | 'skipped'; done: number; total: number }) => void;
  /** Stops between files; what was written so far stays consistent. */
  signal?: AbortSignal;
}

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Files per SQLite transaction: amortises commits without holding a big ingest in memory. */
const WRITE_BATCH_FILES = 256;

export async function ingest(paths: string[], kbDir: string, options: IngestOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const chunking = { maxTokens: options.maxTokens ?? DEFAULT_MAX_TOKENS, overlapTokens: options.overlapTokens ?? DEFAULT_OVERLAP_TOKENS };
  chunkText('', chunking); // validates the options before any work
  const listing = await listInputFiles(paths, options.baseDir);
  // A missing path among others is reported in `skipped`; when none of them exists the user
  // almost surely mistyped, and an empty knowledge base must not be created as if all went well.
  if (paths.length > 0 && listing.missing.length === paths.length) {
    throw new KnowledgeBaseError(`nothing to ingest: ${listing.missing.map((m) => `${m.path} (${m.reason})`).join(', ')}`);
  }
  const extractors: Extractors = { html: createHtmlExtractor() };
  const summary: IngestSummary = {
    kbDir,
    added: [],
    updated: [],
    unchanged: [],
    removed: [],
    skipped: listing.missing.map(({ path, reason }) => ({ path, code: 'unreadable', reason })),
    warnings: [],
    chunksAdded: 0,
    chunksRemoved: 0,
    totalFiles: 0,
    totalChunks: 0,
    embedded: 0,
    generation: 0,
    elapsedMs: 0,
  };

  const store = KbStore.open(kbDir, { create: true });
  try {
    const previous = new Map(store.files().map((f) => [f.source, f.hash]));
    // Changed chunking options make every stored chunk stale, so hashes alone cannot skip a file.
    const chunkingKey = JSON.stringify(chunking);
    const rechunk = previous.size > 0 && store.getMeta('chunking') !== chunkingKey;
    if (rechunk) summary.warnings.push(`chunking options changed to ${chunkingKey}: re-chunking every file given`);
    // Sources stored before that are gone from a folder given again: removed below. Computed now so
    // a renamed file is not mistaken for a duplicate of its own old name.
    const listed = new Set(listing.files.map((f) => f.source));
    const removeMissing = options.removeMissing ?? true;
    const gone = new Set(
      [...previous.keys()].filter(
        (source) => removeMissing && !listed.has(source) && listing.walkedFolders.some((f) => f === '' || source.startsWith(`${f}/`)),
      ),
    );
    const owners = new Map<string, string>(); // content hash -> source holding it
    for (const [source, hash] of previous) if (!gone.has(source)) owners.set(hash, source);

    let pending: StoredFile[] = [];
    const flush = () => {
      summary.chunksRemoved += store.writeFiles(pending, []).chunksRemoved;
      pending = [];
    };
    const skip = (path: string, code: SkippedFile['code'], reason: string) => summary.skipped.push({ path, code, reason });
    const total = listing.files.length;
    let done = 0;
    for (const file of listing.files) {
      if (options.signal?.aborted) throw new KnowledgeBaseError('ingest interrupted; files stored so far are kept, run it again to finish');
      const status = await ingestOne(file.absolute, file.source);
      options.onFile?.({ source: file.source, status, done: ++done, total });
      if (pending.length >= WRITE_BATCH_FILES) flush();
    }
    flush();

    async function ingestOne(absolute: string, source: string): Promise<'added' | 'updated' | 'unchanged' | 'skipped'> {
      let bytes: Buffer;
      try {
        const info = await stat(absolute);
        if (info.size > maxFileBytes) {
          skip(source, 'too-large', `${formatBytes(info.size)} is over the ${formatBytes(maxFileBytes)} limit (maxFileBytes / --max-file-mb)`);
          return 'skipped';
        }
        bytes = await readFile(absolute);
      } catch (error) {
        skip(source, 'unreadable', `cannot read: ${(error as Error).message}`);
        return 'skipped';
      }
      const hash = contentHash(bytes);
      if (previous.get(source) === hash && !rechunk) {
        summary.unchanged.push(source);
        return 'unchanged';
      }
      const owner = owners.get(hash);
      if (owner !== undefined && owner !== source) {
        skip(source, 'duplicate', `same content as ${owner}`);
        return 'skipped';
      }
      const extraction = await extractDocuments(source, bytes, extractors);
      if (!extraction.ok) {
        skip(source, extraction.code, extraction.reason);
        return 'skipped';
      }
      summary.warnings.push(...extraction.warnings);
      const chunks: Chunk[] = [];
      for (const doc of extraction.documents) {
        for (const span of chunkText(doc.text, chunking)) {
          const chunk: Chunk = {
            id: chunkId(hash, chunks.length),
            source,
            text: doc.text.slice(span.start, span.end),
            start: span.start,
            end: span.end,
            headingPath: span.headingPath,
            tokens: span.tokens,
          };
          if (doc.key !== undefined) chunk.document = doc.key;
          if (doc.title !== undefined) chunk.title = doc.title;
          if (span.headingPath.length > 0) chunk.heading = span.headingPath.join(' > ');
          chunks.push(chunk);
        }
      }
      owners.set(hash, source);
      pending.push({ source, hash, bytes: bytes.length, documents: extraction.documents, chunks });
      summary.chunksAdded += chunks.length;
      const status = previous.has(source) ? 'updated' : 'added';
      summary[status].push(source);
      return status;
    }

    // Files stored before that are gone, or unusable now (their old chunks would be stale).
    const skippedNow = new Set(summary.skipped.map((s) => s.path));
    for (const source of previous.keys()) if (gone.has(source) || skippedNow.has(source)) summary.removed.push(source);
    summary.chunksRemoved += store.writeFiles([], summary.removed).chunksRemoved;
    store.setMeta('chunking', chunkingKey);

    if (options.embed) summary.embedded = await embedMissing(store, options.embed, options.embedBatchSize ?? 64);

    summary.generation = store.generation;
    summary.totalFiles = store.countFiles();
    summary.totalChunks = store.countChunks();
    if (!readChunkIndex(kbDir, summary.generation, summary.totalChunks)) {
      await writeChunkIndex(kbDir, summary.generation, buildChunkIndex([...store.chunks()]));
    }
  } finally {
    store.close();
  }
  summary.elapsedMs = performance.now() - started;
  return summary;
}

async function embedMissing(store: KbStore, embed: EmbedFn, batchSize: number): Promise<number> {
  const todo = store.chunksWithoutEmbedding();
  let dims = Number(store.getMeta('embedding_dims') ?? 0);
  let embedded = 0;
  for (let i = 0; i < todo.length; i += batchSize) {
    const batch = todo.slice(i, i + batchSize);
    const vectors = await embed(batch.map((c) => c.text));
    if (!Array.isArray(vectors) || vectors.length !== batch.length) {
      throw new KnowledgeBaseError(
        `embed returned ${Array.isArray(vectors) ? vectors.length : typeof vectors} vectors for ${batch.length} texts; it must return one per text`,
      );
    }
    const rows = batch.map((chunk, j) => {
      const vector = vectors[j];
      if (dims === 0) {
        dims = vector.length;
        store.setMeta('embedding_dims', String(dims));
      }
      if (vector.length !== dims || vector.some((x) => !Number.isFinite(x))) {
        throw new KnowledgeBaseError(
          `embed returned a vector of ${vector.length} numbers (or non-finite values) for chunk ${chunk.id}; this knowledge base uses ${dims} dimensions`,
        );
      }
      return { id: chunk.id, vector: Float32Array.from(vector) };
    });
    store.writeEmbeddings(rows);
    embedded += rows.length;
  }
  return embedded;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} B`;
}
