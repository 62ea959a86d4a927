/**
 * Reads a column's few-shot examples from the user's JSONL or CSV file. It runs while the recipe
 * is planned, so every problem with the file (missing, empty, a bad line, too few examples for
 * `k`) stops the run before the first model call is paid for.
 */
import { SynthkitError } from '../../core/synthkit-error.js';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { CsvParseError, parseCsv } from './parse-csv.js';

/** One example: a flat record of named fields, as read from a JSONL line or a CSV row. */
export type Example = Record<string, unknown>;

export type ExampleFileFormat = 'jsonl' | 'csv';

/** The few-shot setup cannot work (a bad example file, a `k` the examples cannot satisfy). */
export class FewShotError extends SynthkitError {}

export interface LoadExamplesOptions {
  /** How many examples each prompt will show; the file must hold at least this many. */
  k: number;
  /** Absent: taken from the extension (.jsonl/.ndjson, .csv). */
  format?: ExampleFileFormat;
}

/** Every example in `file`, in file order. CSV values are strings; JSONL keeps its JSON types. */
export function loadExamples(file: string, options: LoadExamplesOptions): Example[] {
  const { k } = options;
  if (!Number.isSafeInteger(k) || k < 1) throw new FewShotError(`few-shot k must be a whole number >= 1, got ${String(k)}`);
  const format = options.format ?? formatFromExtension(file);

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FewShotError(`few-shot example file ${file} does not exist`);
    if (code === 'EISDIR') throw new FewShotError(`few-shot example file ${file} is a directory, not a file`);
    throw new FewShotError(`few-shot example file ${file} cannot be read: ${(error as Error).message}`);
  }
  if (text.trim() === '') throw new FewShotError(`few-shot example file ${file} is empty`);

  const examples = format === 'csv' ? fromCsv(file, text) : fromJsonl(file, text);
  if (examples.length === 0) throw new FewShotError(`few-shot example file ${file} has a header but no examples`);
  if (examples.length < k) {
    throw new FewShotError(
      `few-shot example file ${file} has ${examples.length} example${examples.length === 1 ? '' : 's'}, fewer than k=${k}; add examples or lower k`,
    );
  }
  return examples;
}

function formatFromExtension(file: string): ExampleFileFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  throw new FewShotError(`few-shot example file ${file}: cannot tell the format from "${ext || '(no extension)'}"; name it .jsonl or .csv, or give format`);
}

function fromJsonl(file: string, text: string): Example[] {
  const examples: Example[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const raw = i === 0 ? lines[i].replace(/^\uFEFF/, '') : lines[i];
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new FewShotError(`few-shot example file ${file}: malformed line ${i + 1}: not valid JSON (${(error as Error).message})`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
      throw new FewShotError(`few-shot example file ${file}: malformed line ${i + 1}: expected a JSON object, got ${kind}`);
    }
    examples.push(value as Example);
  }
  return examples;
}

/** The first row names the fields; every other row is one example. */
function fromCsv(file: string, text: string): Example[] {
  let rows: ReturnType<typeof parseCsv>;
  try {
    rows = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvParseError) {
      throw new FewShotError(`few-shot example file ${file}: malformed line ${error.line}: ${error.message.replace(/^line \d+: /, '')}`);
    }
    throw error;
  }
  const [header, ...body] = rows;
  const names = header.fields.map((name) => name.trim());
  names.forEach((name, i) => {
    if (name === '') throw new FewShotError(`few-shot example file ${file}: malformed line ${header.line}: header column ${i + 1} has no name`);
    if (names.indexOf(name) !== i) throw new FewShotError(`few-shot example file ${file}: malformed line ${header.line}: header names "${name}" twice`);
  });
  return body.map((row) => {
    if (row.fields.length !== names.length) {
      throw new FewShotError(`few-shot example file ${file}: malformed line ${row.line}: ${row.fields.length} fields, but the header has ${names.length}`);
    }
    // fromEntries defines own properties, so a column named "__proto__" is data, not a prototype.
    return Object.fromEntries(names.map((name, i) => [name, row.fields[i]]));
  });
}
