/**
 * `synthkit redact <file>` as a library call: every record of a run directory or JSONL file comes
 * out with its personal data masked or replaced by consistent fakes (safety/redact), written as
 * `redacted.jsonl/.csv/.parquet` in the output directory (default `<run-dir>/redacted/`, or
 * `<file>.redacted/` next to a file). The map from real to fake values stays in that directory's
 * `private/` folder, never in the dataset files.
 */
import { statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { writeDatasetFiles } from '../export/index.js';
import { PII_TYPES, type PiiType } from '../safety/pii/types.js';
import { openRedactionVault } from '../safety/redact/redaction-vault.js';
import { type RedactionMode, Redactor } from '../safety/redact/redactor.js';
import { DatasetError, readAllRecords } from '../store/read-dataset.js';

export interface RedactDatasetOptions {
  out?: string;
  mode?: RedactionMode;
  types?: readonly PiiType[];
  minConfidence?: number;
}

export interface RedactionSummary {
  input: string;
  out: string;
  records: number;
  recordsRedacted: number;
  /** Spans replaced, per type. */
  spans: Partial<Record<PiiType, number>>;
  files: string[];
  /** The private map (inside `out`, never exported). */
  mapFile: string;
}

export async function redactDataset(input: string, options: RedactDatasetOptions = {}): Promise<RedactionSummary> {
  const unknown = options.types?.filter((t) => !PII_TYPES.includes(t));
  if (unknown?.length) throw new DatasetError(`unknown PII type(s) ${unknown.join(', ')}; known types: ${PII_TYPES.join(', ')}`);
  const records = await readAllRecords(input);
  if (records.length === 0) throw new DatasetError(`${input} holds no records; nothing to redact`);
  const out = options.out ?? defaultOutDir(input);
  const vault = openRedactionVault(out);
  const redactor = new Redactor({ mode: options.mode, types: options.types, minConfidence: options.minConfidence, key: vault.key });
  const spans: Partial<Record<PiiType, number>> = {};
  let recordsRedacted = 0;
  const rows = records.map((data) => {
    const result = redactor.redactRecord(data);
    if (result.spans.length) recordsRedacted++;
    for (const span of result.spans) spans[span.type] = (spans[span.type] ?? 0) + 1;
    return result.record;
  });
  const files = await writeDatasetFiles(out, rows, { basename: 'redacted' });
  await vault.saveMap(redactor.mapEntries());
  return { input, out, records: records.length, recordsRedacted, spans, files, mapFile: vault.mapFile };
}

function defaultOutDir(input: string): string {
  if (statSync(input, { throwIfNoEntry: false })?.isDirectory()) return join(input, 'redacted');
  return join(dirname(input), `${basename(input, extname(input))}.redacted`);
}
