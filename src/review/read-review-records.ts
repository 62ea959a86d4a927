/**
 * The records a review works on: the curated records when the run was curated (they carry
 * `_decision`, `_reasons`, `_signals`), else the generated records from the run database, each
 * with `_id`, and with any auxiliary labels attached as `_aux.<column>`.
 */
import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readAllRecords } from '../store/read-dataset.js';
import { readAuxLabels } from './aux-labels.js';

export const CURATED_ALL = join('curated', 'all.jsonl');

export async function readReviewRecords(runDir: string, db: Database.Database): Promise<Record<string, unknown>[]> {
  const curated = join(runDir, CURATED_ALL);
  let records: Record<string, unknown>[];
  if (existsSync(curated)) records = await readAllRecords(curated);
  else {
    records = db
      .prepare<[], { idx: number; data: string; valid: number; errors: string }>('SELECT idx, data, valid, errors FROM records ORDER BY idx')
      .all()
      .map((r) => ({ ...JSON.parse(r.data), _id: r.idx, _valid: r.valid === 1, _errors: JSON.parse(r.errors) }));
  }
  const byId = new Map(records.map((r) => [Number(r._id), r]));
  for (const aux of readAuxLabels(db)) {
    const record = byId.get(aux.runIdx);
    if (!record) continue;
    const all = (record._aux ??= {}) as Record<string, unknown>;
    all[aux.column] = { label: aux.label, confidence: aux.confidence, source: aux.source, agrees: sameLabel(aux.label, record[aux.column]) };
  }
  return records;
}

export function sameLabel(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : JSON.stringify(v));
  return norm(a) === norm(b);
}
