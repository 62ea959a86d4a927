/**
 * File bytes to documents, by file extension: the one place that knows the supported formats.
 * Returns either the documents or a skip code with a reason the ingest summary shows as is.
 */
import { extname } from 'node:path';
import { decodeText } from './decode-text.js';
import { extractJsonl } from './extract-jsonl.js';
import { extractPdf } from './extract-pdf.js';
import type { ExtractedDocument, SkipCode } from './types.js';

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.pdf', '.jsonl'] as const;

export type Extraction = { ok: true; documents: ExtractedDocument[]; warnings: string[] } | { ok: false; code: SkipCode; reason: string };

export interface Extractors {
  html: (html: string) => ExtractedDocument;
}

export function isSupported(path: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

export async function extractDocuments(path: string, bytes: Uint8Array, extractors: Extractors): Promise<Extraction> {
  const ext = extname(path).toLowerCase();
  if (!isSupported(path))
    return { ok: false, code: 'unsupported', reason: `unsupported file type "${ext || '(no extension)'}"; supported: ${SUPPORTED_EXTENSIONS.join(' ')}` };
  if (bytes.length === 0) return { ok: false, code: 'empty', reason: 'empty file (0 bytes)' };
  if (ext === '.pdf') {
    const pdf = await extractPdf(bytes);
    return pdf.ok ? { ok: true, documents: [pdf.document], warnings: [] } : { ok: false, code: pdf.code, reason: pdf.reason };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, code: 'binary', reason: decoded.reason };
  // Windows line endings become \n so offsets and paragraph detection behave the same everywhere.
  const text = decoded.text.replace(/\r\n?/g, '\n');
  let documents: ExtractedDocument[];
  let warnings: string[] = [];
  if (ext === '.html' || ext === '.htm') documents = [extractors.html(text)];
  else if (ext === '.jsonl') ({ documents, warnings } = extractJsonl(text, path));
  else documents = [{ title: ext === '.txt' ? undefined : firstMarkdownTitle(text), text }];
  documents = documents.filter((d) => d.text.trim() !== '');
  if (documents.length === 0) {
    const reason =
      ext === '.jsonl'
        ? `no usable lines (each needs a non-empty string "text")${warnings.length ? `; first problem: ${warnings[0]}` : ''}`
        : 'no text after extraction (whitespace or markup only)';
    return { ok: false, code: ext === '.jsonl' ? 'parse-error' : 'empty', reason };
  }
  return { ok: true, documents, warnings };
}

function firstMarkdownTitle(text: string): string | undefined {
  return /^ {0,3}# +(.+?)[ #]*$/m.exec(text)?.[1]?.trim() || undefined;
}
