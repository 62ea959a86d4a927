/** A finished (optionally curated and reviewed) run directory built directly, for export tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunStore } from '../../src/store/run-store.js';
import { ReviewStore } from '../../src/review/review-store.js';
import { tempDir } from './paths.js';

export interface FixtureRun {
  records: Record<string, unknown>[];
  /** Curation fields per record index (_decision, _weight, _signals); present = the run was curated. */
  curation?: Record<string, unknown>[];
  recipe?: Record<string, unknown>;
  review?: { runIdx: number; action: 'accept' | 'reject' | 'edit'; field?: string; value?: unknown }[];
}

export function makeRun(fixture: FixtureRun, dir = tempDir('synthkit-export-')): string {
  const store = new RunStore(dir);
  for (const [idx, data] of fixture.records.entries()) store.queueRecord({ idx, data, valid: true, errors: [] });
  store.close();
  writeFileSync(
    join(dir, 'recipe.json'),
    JSON.stringify(
      fixture.recipe ?? { name: 'fixture', seed: 7, records: fixture.records.length, models: {}, columns: [{ name: 'question', kind: 'expression' }] },
    ),
  );
  if (fixture.curation) {
    mkdirSync(join(dir, 'curated'), { recursive: true });
    const lines = fixture.records.map((data, idx) =>
      JSON.stringify({ ...data, _id: idx, _decision: 'kept', _reasons: [], _signals: {}, ...fixture.curation![idx] }),
    );
    writeFileSync(join(dir, 'curated', 'all.jsonl'), `${lines.join('\n')}\n`);
  }
  if (fixture.review) {
    const review = new ReviewStore(dir);
    for (const d of fixture.review) review.decide({ ...d, reviewer: 'alice', baseVersion: review.versionOf(d.runIdx) });
    review.close();
  }
  return dir;
}

/** `n` question/answer records with a category, each answer distinct. */
export function qaRecords(n: number): Record<string, unknown>[] {
  const topics = ['tides', 'volcanoes', 'glaciers', 'deserts'];
  return Array.from({ length: n }, (_, i) => ({
    question: `Question ${i}: how do ${topics[i % 4]} form, in case ${i}?`,
    answer: `Answer ${i} explains ${topics[i % 4]} with reason number ${i * 7} and detail ${i * 13}.`,
    category: topics[i % 4],
  }));
}
