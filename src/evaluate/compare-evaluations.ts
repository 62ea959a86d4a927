/**
 * Compares two evaluated datasets: reads each one's metrics.json when it has one (a metrics.json
 * file, a folder holding it, or a run directory's evaluation/), otherwise evaluates it (without
 * writing into it), and lists the headline metrics side by side with their deltas (b - a).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { writeFileAtomic } from '../core/write-atomic.js';
import { readMetric } from './check-thresholds.js';
import type { EvaluateConfig, EvaluateConfigInput } from './config-schema.js';
import { evaluate, type EvaluateOptions } from './evaluate.js';
import type { EvaluationMetrics } from './evaluation-metrics.js';
import { renderComparison } from './report/render-comparison.js';

export type Better = 'higher' | 'lower' | null;

export interface ComparisonRow {
  metric: string;
  a: number | null;
  b: number | null;
  /** b - a; null when either is missing. */
  delta: number | null;
  better: Better;
}

export interface Comparison {
  a: { input: string; metrics: EvaluationMetrics };
  b: { input: string; metrics: EvaluationMetrics };
  rows: ComparisonRow[];
  files: string[];
}

/** Per-column diversity metrics and which direction is better. */
const COLUMN_METRICS: [string, Better][] = [
  ['distinct_1', 'higher'],
  ['distinct_2', 'higher'],
  ['distinct_3', 'higher'],
  ['distinct_4', 'higher'],
  ['self_bleu', 'lower'],
  ['compression_ratio', 'lower'],
  ['repetition', 'lower'],
  ['duplicate_texts', 'lower'],
  ['words.mean', null],
];

const RUN_METRICS: [string, Better][] = [
  ['records', null],
  ['pii.total', 'lower'],
  ['pii.records_with_pii', 'lower'],
  ['judge.scores.mean', 'higher'],
  ['embeddings.vendi', 'higher'],
  ['embeddings.nearest_neighbour.p50', 'lower'],
  ['factualness.faithfulness', 'higher'],
  ['consistency.contradiction_rate', 'lower'],
  ['leakage.longest_span.max', 'lower'],
  ['leakage.distance_to_closest.min', 'higher'],
  ['canaries.found', 'lower'],
  ['relevance.tstr.synthetic.accuracy', 'higher'],
  ['relevance.tstr.synthetic.macroF1', 'higher'],
];

export interface CompareOptions extends Omit<EvaluateOptions, 'out' | 'write'> {
  /** Where compare.html and comparison.json go; nothing is written without it. */
  out?: string;
  config?: string | EvaluateConfig | EvaluateConfigInput;
}

export async function compareEvaluations(a: string, b: string, options: CompareOptions = {}): Promise<Comparison> {
  const metricsA = await metricsOf(a, options);
  const metricsB = await metricsOf(b, options);
  const rows = comparisonRows(metricsA, metricsB);
  const files: string[] = [];
  if (options.out !== undefined) {
    await mkdir(options.out, { recursive: true });
    const htmlFile = join(options.out, 'compare.html');
    const jsonFile = join(options.out, 'comparison.json');
    await writeFileAtomic(htmlFile, renderComparison(a, b, metricsA, metricsB, rows));
    await writeFileAtomic(jsonFile, `${JSON.stringify({ a, b, rows }, null, 2)}\n`);
    files.push(htmlFile, jsonFile);
  }
  return { a: { input: a, metrics: metricsA }, b: { input: b, metrics: metricsB }, rows, files };
}

/** metrics.json of an input, or null when it has none. */
export function findMetricsFile(input: string): string | null {
  const stat = statSync(input, { throwIfNoEntry: false });
  if (stat?.isFile() && input.endsWith('.json')) return input;
  const candidates = stat?.isDirectory()
    ? [join(input, 'metrics.json'), join(input, 'evaluation', 'metrics.json')]
    : [join(input.replace(/\.[^./]+$/, '') + '.evaluation', 'metrics.json')];
  return candidates.find((file) => existsSync(file)) ?? null;
}

async function metricsOf(input: string, options: CompareOptions): Promise<EvaluationMetrics> {
  const file = findMetricsFile(input);
  if (file) return JSON.parse(readFileSync(file, 'utf8')) as EvaluationMetrics;
  const { config, out: _out, ...rest } = options;
  return (await evaluate(input, config ?? {}, { ...rest, write: false })).metrics;
}

export function comparisonRows(a: EvaluationMetrics, b: EvaluationMetrics): ComparisonRow[] {
  // Column names can hold dots ("triage.summary"), so per-column metrics are read by key, not by path.
  type Getter = (m: EvaluationMetrics) => unknown;
  const columns = [...new Set([...a.columns, ...b.columns])];
  const attributes = [...new Set([...Object.keys(a.coverage?.columns ?? {}), ...Object.keys(b.coverage?.columns ?? {})])];
  const entries: [string, Better, Getter][] = [
    ...RUN_METRICS.slice(0, 1).map(([path, better]): [string, Better, Getter] => [path, better, (m) => readMetric(m, path)]),
    ...columns.flatMap((c) =>
      COLUMN_METRICS.map(([path, better]): [string, Better, Getter] => [`diversity.${c}.${path}`, better, (m) => readMetric(m.diversity?.[c], path)]),
    ),
    ...RUN_METRICS.slice(1).map(([path, better]): [string, Better, Getter] => [path, better, (m) => readMetric(m, path)]),
    ...attributes.map((c): [string, Better, Getter] => [
      `coverage.columns.${c}.normalizedEntropy`,
      'higher',
      (m) => m.coverage?.columns?.[c]?.normalizedEntropy,
    ]),
  ];
  const number = (raw: unknown) => (typeof raw === 'number' && Number.isFinite(raw) ? raw : null);
  return entries
    .map(([metric, better, get]) => {
      const va = number(get(a));
      const vb = number(get(b));
      return { metric, a: va, b: vb, delta: va === null || vb === null ? null : vb - va, better };
    })
    .filter((row) => row.a !== null || row.b !== null);
}

/** The rows as a plain-text table for the terminal. */
export function formatComparison(rows: readonly ComparisonRow[]): string {
  const fmt = (v: number | null, sign = false) => (v === null ? '–' : `${sign && v > 0 ? '+' : ''}${Number.isInteger(v) ? v : v.toFixed(4)}`);
  const table = [['metric', 'a', 'b', 'delta'], ...rows.map((r) => [r.metric, fmt(r.a), fmt(r.b), fmt(r.delta, true)])];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...table.map((row) => row[i].length)));
  return table.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')).join('\n');
}
