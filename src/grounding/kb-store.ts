/**
 * The knowledge base's SQLite file (`kb.sqlite`): which files were ingested with which content
 * hash, their extracted documents, and their chunks (with embeddings when computed). It is the
 * source of truth; the BM25 snapshot and the concept graph are derived from it and carry the
 * `generation` they were built from, so a stale one is detected and rebuilt rather than trusted.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from '../store/open-database.js';
import type { Chunk, ExtractedDocument } from './types.js';

export const KB_DATABASE = 'kb.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
  source TEXT PRIMARY KEY, hash TEXT NOT NULL, bytes INTEGER NOT NULL, chunk_count INTEGER NOT NULL, ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
  source TEXT NOT NULL, doc_key TEXT NOT NULL, title TEXT, text TEXT NOT NULL, PRIMARY KEY (source, doc_key)
);
CREATE TABLE IF NOT EXISTS chunks (
  id TEXT PRIMARY KEY, source TEXT NOT NULL, seq INTEGER NOT NULL, doc_key TEXT NOT NULL, title TEXT, heading_path TEXT NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL, tokens INTEGER NOT NULL, text TEXT NOT NULL, embedding BLOB
);
CREATE INDEX IF NOT EXISTS chunks_by_source ON chunks (source, seq);
`;

/** Documents of ordinary files are stored under this key; JSONL records under their own key. */
const WHOLE_FILE = '';

export interface FileRecord {
  source: string;
  hash: string;
}

export interface StoredFile {
  source: string;
  hash: string;
  bytes: number;
  documents: ExtractedDocument[];
  chunks: Chunk[];
}

export function isKnowledgeBase(dir: string): boolean {
  return existsSync(join(dir, KB_DATABASE));
}

export class KbStore {
  private constructor(readonly db: Database.Database) {}

  static open(dir: string, { create }: { create: boolean }): KbStore {
    if (create) mkdirSync(dir, { recursive: true });
    const db = openDatabase(join(dir, KB_DATABASE));
    db.exec(SCHEMA);
    return new KbStore(db);
  }

  close(): void {
    this.db.close();
  }

  get generation(): number {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get('generation') as { value: string } | undefined;
    return row ? Number(row.value) : 0;
  }

  getMeta(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  bumpGeneration(): number {
    const next = this.generation + 1;
    this.setMeta('generation', String(next));
    return next;
  }

  files(): FileRecord[] {
    return this.db.prepare('SELECT source, hash FROM files ORDER BY source').all() as FileRecord[];
  }

  /**
   * Replaces the given files' documents and chunks and deletes `removed`, in one transaction that
   * also bumps the generation, so derived files built before it are seen as stale even if the
   * process dies right after.
   */
  writeFiles(files: StoredFile[], removed: string[]): { chunksRemoved: number } {
    const countChunks = this.db.prepare('SELECT COUNT(*) AS n FROM chunks WHERE source = ?');
    const deleteFile = this.db.prepare('DELETE FROM files WHERE source = ?');
    const deleteDocs = this.db.prepare('DELETE FROM documents WHERE source = ?');
    const deleteChunks = this.db.prepare('DELETE FROM chunks WHERE source = ?');
    const insertFile = this.db.prepare('INSERT INTO files (source, hash, bytes, chunk_count, ingested_at) VALUES (?, ?, ?, ?, ?)');
    const insertDoc = this.db.prepare('INSERT INTO documents (source, doc_key, title, text) VALUES (?, ?, ?, ?)');
    const insertChunk = this.db.prepare(
      'INSERT INTO chunks (id, source, seq, doc_key, title, heading_path, start, end, tokens, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    let chunksRemoved = 0;
    const drop = (source: string) => {
      chunksRemoved += (countChunks.get(source) as { n: number }).n;
      deleteChunks.run(source);
      deleteDocs.run(source);
      deleteFile.run(source);
    };
    const now = new Date().toISOString();
    if (files.length === 0 && removed.length === 0) return { chunksRemoved };
    this.db.transaction(() => {
      this.bumpGeneration();
      for (const source of removed) drop(source);
      for (const file of files) {
        drop(file.source);
        insertFile.run(file.source, file.hash, file.bytes, file.chunks.length, now);
        for (const doc of file.documents) insertDoc.run(file.source, doc.key ?? WHOLE_FILE, doc.title ?? null, doc.text);
        for (const [seq, c] of file.chunks.entries()) {
          insertChunk.run(c.id, c.source, seq, c.document ?? WHOLE_FILE, c.title ?? null, JSON.stringify(c.headingPath), c.start, c.end, c.tokens, c.text);
        }
      }
    })();
    return { chunksRemoved };
  }

  /** All chunks in a fixed order (source, then position), the order the BM25 index uses. */
  *chunks(): Generator<Chunk> {
    const rows = this.db
      .prepare('SELECT id, source, doc_key, title, heading_path, start, end, tokens, text FROM chunks ORDER BY source, seq')
      .iterate() as IterableIterator<ChunkRow>;
    for (const row of rows) yield rowToChunk(row);
  }

  countChunks(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM chunks').get() as { n: number }).n;
  }

  countFiles(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM files').get() as { n: number }).n;
  }

  documentText(source: string, key: string | undefined): string | undefined {
    const row = this.db.prepare('SELECT text FROM documents WHERE source = ? AND doc_key = ?').get(source, key ?? WHOLE_FILE) as { text: string } | undefined;
    return row?.text;
  }

  /** Chunks still lacking an embedding, as (id, text). */
  chunksWithoutEmbedding(): { id: string; text: string }[] {
    return this.db.prepare('SELECT id, text FROM chunks WHERE embedding IS NULL ORDER BY source, seq').all() as { id: string; text: string }[];
  }

  writeEmbeddings(rows: { id: string; vector: Float32Array }[]): void {
    const update = this.db.prepare('UPDATE chunks SET embedding = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const row of rows) update.run(Buffer.from(row.vector.buffer, row.vector.byteOffset, row.vector.byteLength), row.id);
    })();
  }

  /** Embeddings by chunk id (only chunks that have one). */
  embeddings(): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    const rows = this.db.prepare('SELECT id, embedding FROM chunks WHERE embedding IS NOT NULL').iterate() as IterableIterator<{
      id: string;
      embedding: Buffer;
    }>;
    for (const row of rows) {
      const copy = new Float32Array(row.embedding.byteLength / 4);
      new Uint8Array(copy.buffer).set(row.embedding);
      out.set(row.id, copy);
    }
    return out;
  }
}

interface ChunkRow {
  id: string;
  source: string;
  doc_key: string;
  title: string | null;
  heading_path: string;
  start: number;
  end: number;
  tokens: number;
  text: string;
}

function rowToChunk(row: ChunkRow): Chunk {
  const headingPath = JSON.parse(row.heading_path) as string[];
  const chunk: Chunk = { id: row.id, source: row.source, text: row.text, start: row.start, end: row.end, headingPath, tokens: row.tokens };
  if (row.doc_key !== WHOLE_FILE) chunk.document = row.doc_key;
  if (row.title !== null) chunk.title = row.title;
  if (headingPath.length > 0) chunk.heading = headingPath.join(' > ');
  return chunk;
}
