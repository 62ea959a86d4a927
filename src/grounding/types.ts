/** Shapes shared by the grounding modules: documents, chunks, hits and the ingest summary. */

/** One passage of a source document, with the provenance a grounded record needs to cite it. */
export interface Chunk {
  /** Stable id `<content-hash-prefix>:<n>`: unchanged files keep their ids across re-ingests. */
  id: string;
  /** Source file, relative to the ingest base directory, with forward slashes. */
  source: string;
  /** For files holding several documents (JSONL records): the record's `id`, else its line number. */
  document?: string;
  /** Document title where the format has one (HTML `<title>`, first Markdown `#`, JSONL `title`). */
  title?: string;
  text: string;
  /** Character offsets into the document's extracted text: `extracted.slice(start, end) === text`. */
  start: number;
  end: number;
  /** Headings in force at the chunk's start, outermost first. */
  headingPath: string[];
  /** `headingPath` joined with " > "; absent when the chunk sits under no heading. */
  heading?: string;
  /** Approximate token count (see tokenize.ts). */
  tokens: number;
}

/** A retrieved chunk with its score. `score` is BM25 for `search`, RRF for `searchHybrid`. */
export interface SearchHit {
  id: string;
  text: string;
  source: string;
  start: number;
  end: number;
  score: number;
  heading?: string;
  document?: string;
  title?: string;
}

/** A document as extracted from a file, before chunking. */
export interface ExtractedDocument {
  /** Record key inside a multi-document file (JSONL); undefined for ordinary files. */
  key?: string;
  title?: string;
  text: string;
}

/** Computes one embedding vector per text, in order. Wired by the caller (local engine, provider endpoint). */
export type EmbedFn = (texts: string[]) => Promise<number[][]>;

/** Why a file was left out of the knowledge base. */
export type SkipCode = 'unsupported' | 'empty' | 'binary' | 'too-large' | 'unreadable' | 'no-text-layer' | 'parse-error' | 'duplicate';

export interface SkippedFile {
  /** Path as given or found (relative to the base directory where possible). */
  path: string;
  code: SkipCode;
  /** One line a user can act on. */
  reason: string;
}

export interface IngestSummary {
  kbDir: string;
  /** Sources new to the knowledge base, changed since last time, unchanged (skipped by hash), and gone. */
  added: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
  skipped: SkippedFile[];
  /** Problems that did not stop a file, e.g. bad lines in a JSONL file. */
  warnings: string[];
  chunksAdded: number;
  chunksRemoved: number;
  /** Totals after this ingest. */
  totalFiles: number;
  totalChunks: number;
  /** Chunks embedded during this ingest (0 without an `embed` callback). */
  embedded: number;
  /** Index generation after this ingest; bumps whenever the chunk set changed. */
  generation: number;
  elapsedMs: number;
}
