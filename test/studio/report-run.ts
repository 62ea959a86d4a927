/**
 * A run with a curated copy of its records (judge scores, decisions and reasons, as curation
 * writes them), curated/summary.json, and an evaluation of the curated file, for the report tests.
 */
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { listDatasetFiles } from '../../src/studio/run-catalog.js';
import { makeStudioRun } from '../support/studio-run.js';

export async function makeReportRun(options: { dir?: string } = {}) {
  const dir = makeStudioRun({ records: 30, hostile: true, dir: options.dir });
  const db = new Database(join(dir, 'run.sqlite'), { readonly: true });
  const records = db
    .prepare<[], { idx: number; data: string }>('SELECT idx, data FROM records ORDER BY idx')
    .all()
    .map((r) => ({ _id: r.idx, ...(JSON.parse(r.data) as Record<string, unknown>) }));
  db.close();
  const decided = records.map((r) => {
    const dropped = r._id % 10 === 9;
    const flagged = r._id % 7 === 3;
    const reasons = dropped
      ? [{ stage: 'dedup', decision: 'dropped', reason: 'near duplicate', detail: `of record ${r._id - 1}` }]
      : flagged
        ? [{ stage: 'quality', decision: 'flagged', reason: 'fewer than 3 words' }]
        : [];
    return { ...r, _decision: dropped ? 'dropped' : flagged ? 'flagged' : 'kept', _reasons: reasons, _signals: { judge: { score: 1 + (r._id % 5) } } };
  });
  const curated = decided.filter((r) => r._decision !== 'dropped');
  mkdirSync(join(dir, 'curated'));
  const jsonl = (rows: readonly object[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
  writeFileSync(join(dir, 'curated', 'curated.jsonl'), jsonl(curated));
  writeFileSync(join(dir, 'curated', 'all.jsonl'), jsonl(decided));
  const count = (d: string) => decided.filter((r) => r._decision === d).length;
  writeFileSync(
    join(dir, 'curated', 'summary.json'),
    JSON.stringify({
      records: decided.length,
      kept: count('kept'),
      dropped: count('dropped'),
      flagged: count('flagged'),
      stages: [
        { name: 'dedup', reasons: [{ reason: 'near duplicate', decision: 'dropped', count: count('dropped') }] },
        { name: 'quality', reasons: [{ reason: 'fewer than 3 words', decision: 'flagged', count: count('flagged') }] },
      ],
    }),
  );
  const { metrics } = await evaluate(curated, {}, { out: join(dir, 'curated', 'curated.evaluation') });
  // The browser names a run's files by position: f<N>.
  const fileSrc = (rel: string) => `f${listDatasetFiles(dir).findIndex((f) => f.rel === rel)}`;
  return { dir, decided, curated, count, metrics, curatedSrc: fileSrc('curated/curated.jsonl'), allSrc: fileSrc('curated/all.jsonl') };
}
