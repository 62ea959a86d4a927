/**
 * JSON Lines: one document per line, `{"text": "...", "id"?: string|number, "title"?: string}`.
 * A bad line (not JSON, no string `text`, empty text) is a warning naming the line, not a reason
 * to drop the whole file; a file with no usable line is skipped by the caller.
 */
import type { ExtractedDocument } from './types.js';

export interface JsonlResult {
  documents: ExtractedDocument[];
  warnings: string[];
}

export function extractJsonl(text: string, source: string): JsonlResult {
  const documents: ExtractedDocument[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const where = `${source}:${i + 1}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      warnings.push(`${where}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      warnings.push(`${where}: expected a JSON object with a "text" field`);
      continue;
    }
    const { text: body, id, title } = record as Record<string, unknown>;
    if (typeof body !== 'string') {
      warnings.push(`${where}: no string "text" field`);
      continue;
    }
    if (body.trim() === '') {
      warnings.push(`${where}: "text" is empty`);
      continue;
    }
    let key = typeof id === 'string' || typeof id === 'number' ? String(id) : `line-${i + 1}`;
    if (seen.has(key)) {
      warnings.push(`${where}: id "${key}" repeats an earlier line; using "${key}@line-${i + 1}"`);
      key = `${key}@line-${i + 1}`;
    }
    seen.add(key);
    documents.push({ key, title: typeof title === 'string' && title.trim() !== '' ? title.trim() : undefined, text: body });
  }
  return { documents, warnings };
}
