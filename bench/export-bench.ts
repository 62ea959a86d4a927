/**
 * Training export throughput: N curated records (question/answer with a weight and a category)
 * written as openai-chat, trl-conversational and sharegpt (JSONL + nested Parquet per split),
 * stratified and near-duplicate-grouped splits, and the dataset card; then the same export again
 * to check determinism. Prints records/s, the share of time in near-duplicate grouping, output
 * size and peak memory. It measures the built code in dist/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { exportRun } from '../dist/pipeline/export-run.js';
import { makeRun } from '../test/support/export-fixtures.js';
import { print, tempDir, withPeakRss } from './support.js';

const N = Number(process.argv[2] ?? 20_000);
const topics = ['tides', 'volcanoes', 'glaciers', 'deserts', 'rivers', 'forests'];
const records = Array.from({ length: N }, (_, i) => ({
  question: `Question ${i}: how do ${topics[i % 6]} change over time in region ${i % 97}?`,
  answer: `Answer ${i}: ${topics[i % 6]} change through ${['erosion', 'deposition', 'uplift', 'climate'][i % 4]} acting over ${i % 50} thousand years, measured at site ${i}.`,
  category: topics[i % 6],
}));
const run = makeRun({ records, curation: records.map((_, i) => ({ _weight: 0.5 + (i % 3) / 2 })) }, tempDir());

const config = (nearDuplicates: boolean) => ({
  formats: ['openai-chat', 'trl-conversational', 'sharegpt'],
  mapping: { user: 'question', assistant: 'answer', label: 'category' },
  split: { ratios: { train: 0.9, validation: 0.05, test: 0.05 }, stratify_by: 'category', ...(nearDuplicates ? { near_duplicates: { threshold: 0.8 } } : {}) },
});

const t0 = performance.now();
const { peakMb } = await withPeakRss(() => exportRun(run, { config: config(true), out: join(run, 'a') }));
const withDedup = performance.now() - t0;
const t1 = performance.now();
await exportRun(run, { config: config(false), out: join(run, 'b') });
const without = performance.now() - t1;
await exportRun(run, { config: config(true), out: join(run, 'c') });

const files = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length));
const same = files(join(run, 'a')).every((f) => readFileSync(join(run, 'a', f)).equals(readFileSync(join(run, 'c', f))));
const bytes = files(join(run, 'a')).reduce((s, f) => s + statSync(join(run, 'a', f)).size, 0);

print('export_records', N);
print('export_records_per_s_3_formats', Math.round(N / (withDedup / 1000)));
print('export_records_per_s_no_near_dup_grouping', Math.round(N / (without / 1000)));
print('export_near_dup_grouping_share', (withDedup - without) / withDedup);
print('export_output_mb', bytes / 1e6);
print('export_peak_rss_mb', Math.round(peakMb));
print('export_deterministic', same ? 'yes' : 'NO');
