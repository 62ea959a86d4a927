/**
 * Evaluation: measures a finished run, a JSONL file or records in memory, and writes
 * `metrics.json` and a self-contained `report.html` (default `<run-dir>/evaluation/`, or
 * `<file>.evaluation/` next to a file).
 *
 * Records stream past once (the first 1,000 are held back only until the text columns are chosen);
 * every registered metric (metric-registry.ts) sees each record and keeps only what it needs:
 * counters and hash sets for distinct-n, compression and repetition, one small projection per
 * record for coverage and the bias audit, seeded reservoirs for the metrics that compare records
 * with each other (Self-BLEU, embeddings, the LLM checks). A metric that needs a second pass
 * (the exact recount of repeated n-grams) gets one. Thresholds (`fail_on`) are checked last;
 * `passed` is false when any fails.
 */
import { mkdir } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { writeFileAtomic } from '../core/write-atomic.js';
import { openModels, type ModelSession } from '../store/open-models.js';
import { DatasetError, readDataset } from '../store/read-dataset.js';
import { checkThresholds } from './check-thresholds.js';
import type { EvaluateConfig, EvaluateConfigInputFor } from './config-schema.js';
import type { CoreMetrics } from './core-metrics.js';
import { DETECTION_SAMPLE, TextColumnDetector } from './detect-text-columns.js';
import type { EvaluationRun, FinishContext, Measurement } from './evaluation-metric.js';
import type { EvaluationMetricsFor } from './evaluation-metrics.js';
import { loadEvaluateConfigFile, parseEvaluateConfigObject } from './load-evaluate-config.js';
import { EVALUATION_METRICS, type MetricRegistry } from './metric-registry.js';
import { readRecipeAttributes } from './recipe-attributes.js';
import { findingsOf } from './report/findings.js';
import { renderReport } from './report/render-report.js';
import { COVERAGE_DEFAULTS } from './sections/coverage.js';
import { DIVERSITY_DEFAULTS } from './sections/diversity.js';
import { FACT_CHECK_DEFAULTS } from './sections/fact-checks.js';
import { JUDGE_SCORE_DEFAULTS } from './sections/judge-scores.js';

export type EvaluateInput = string | readonly Record<string, unknown>[];

export interface EvaluateOptions<M extends MetricRegistry = typeof EVALUATION_METRICS> {
  /** The metrics this evaluation runs (default EVALUATION_METRICS); add your own with `[...EVALUATION_METRICS, myMetric]`. */
  metrics?: M;
  /** Output directory; required when the input is records in memory (unless `write: false`). */
  out?: string;
  /** Write metrics.json and report.html (default true). */
  write?: boolean;
  /** Private reference file for leakage (overrides privacy.reference). */
  reference?: string;
  /** Labelled real test file for TSTR (overrides relevance.test_file). */
  test?: string;
  /** Record field holding embeddings (overrides diversity.embedding_field). */
  embeddingsField?: string;
  /** Directory relative paths in the config resolve against (default: the config file's, else cwd). */
  configDir?: string;
  localModel?: string;
  cache?: boolean;
  cacheDir?: string;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

export interface EvaluationResult<M extends MetricRegistry = typeof EVALUATION_METRICS> {
  metrics: EvaluationMetricsFor<M>;
  out?: string;
  files: string[];
}

/** The defaults of the built-in metrics, gathered for callers that show them (each is defined beside its metric). */
export const EVALUATE_DEFAULTS = {
  judgeScoreField: JUDGE_SCORE_DEFAULTS.field,
  embeddingSample: DIVERSITY_DEFAULTS.embeddingSample,
  factualnessRecords: FACT_CHECK_DEFAULTS.factualnessRecords,
  consistencyRecords: FACT_CHECK_DEFAULTS.consistencyRecords,
  consistencyPairs: FACT_CHECK_DEFAULTS.consistencyPairs,
  concurrency: FACT_CHECK_DEFAULTS.concurrency,
  maxAttributeValues: COVERAGE_DEFAULTS.maxAttributeValues,
} as const;

export async function evaluate<const M extends MetricRegistry = typeof EVALUATION_METRICS>(
  input: EvaluateInput,
  config: string | EvaluateConfig | EvaluateConfigInputFor<M> = {},
  options: EvaluateOptions<M> = {},
): Promise<EvaluationResult<M>> {
  const registry: MetricRegistry = options.metrics ?? EVALUATION_METRICS;
  const parsed: Record<string, unknown> & EvaluateConfig =
    typeof config === 'string' ? loadEvaluateConfigFile(config, registry) : parseEvaluateConfigObject(config, undefined, [], registry);
  const configDir = options.configDir ?? (typeof config === 'string' ? dirname(resolve(config)) : process.cwd());
  const write = options.write ?? true;
  const out = write ? (options.out ?? defaultOutDir(input)) : options.out;
  const progress = options.onProgress ?? (() => {});

  // --- choose what to measure from the first records --------------------------------------------
  const source = () => (typeof input === 'string' ? readDataset(input) : arrayStream(input));
  const iterator = source()[Symbol.asyncIterator]();
  const head: Record<string, unknown>[] = [];
  const detector = new TextColumnDetector();
  for (let i = 0; i < DETECTION_SAMPLE; i++) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    detector.add(next.value);
  }
  // Metrics of nothing would be NaNs and an empty report that passes: almost always a wrong path or a failed run.
  if (head.length === 0)
    throw new DatasetError(typeof input === 'string' ? `${input} holds no records; nothing to evaluate` : 'no records were given; nothing to evaluate');
  const columns = parsed.columns ?? detector.columns();
  const run: EvaluationRun = {
    columns,
    head,
    recipe: typeof input === 'string' ? readRecipeAttributes(input) : null,
    seed: parsed.seed ?? 0,
    resolve: (file) => (isAbsolute(file) ? file : resolve(configDir, file)),
    overrides: { reference: options.reference, test: options.test, embeddingsField: options.embeddingsField },
    settings: parsed,
    progress,
    signal: options.signal,
  };
  const measurements: Measurement<object>[] = registry.map((metric) => metric.start(parsed, run));

  // --- pass 1 ------------------------------------------------------------------------------------
  progress(`evaluating ${columns.length ? columns.join(', ') : '(no text columns found)'}`);
  let records = 0;
  const visit = (record: Record<string, unknown>): void => {
    const id = recordId(record, records++);
    for (const m of measurements) m.add?.(record, id);
  };
  for (const record of head) visit(record);
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    visit(next.value);
    if ((records & 0x3fff) === 0) {
      options.signal?.throwIfAborted();
      progress(`${records} records read`);
    }
  }

  // --- pass 2, for the metrics that ask for one --------------------------------------------------
  const recounts = measurements.flatMap((m) => m.recount?.() ?? []);
  if (recounts.length > 0) {
    for await (const record of source()) for (const recount of recounts) recount(record);
  }

  // --- each metric's entries; the model session is opened only if a metric asks for it ----------
  let session: ModelSession | undefined;
  const finish: FinishContext = {
    records,
    models: async () => {
      if (session) return session;
      const dir = out ?? defaultOutDir(input);
      await mkdir(dir, { recursive: true });
      session = await openModels(parsed.models, dir, {
        file: 'evaluate.sqlite',
        cache: options.cache,
        cacheDir: options.cacheDir,
        localModel: options.localModel,
      });
      return session;
    },
  };
  const entries: object[] = [];
  let usage: CoreMetrics['models'] = [];
  try {
    for (const m of measurements) entries.push(await m.finish(finish));
  } finally {
    if (session) {
      usage = session.usage();
      await session.close();
    }
  }

  const metrics = {
    version: 1,
    input: typeof input === 'string' ? input : '(records)',
    records,
    columns,
    ...Object.assign({}, ...entries),
    models: usage,
    thresholds: [],
    passed: true,
  } as EvaluationMetricsFor<M>;
  // Thresholds read the metrics as metrics.json holds them (NaN as null).
  metrics.thresholds = checkThresholds(JSON.parse(JSON.stringify(metrics)), parsed.fail_on ?? []);
  metrics.passed = metrics.thresholds.every((t) => t.passed);
  metrics.findings = findingsOf(JSON.parse(JSON.stringify(metrics)));

  const files: string[] = [];
  if (write && out !== undefined) {
    await mkdir(out, { recursive: true });
    const metricsFile = join(out, 'metrics.json');
    const reportFile = join(out, 'report.html');
    await writeFileAtomic(metricsFile, `${JSON.stringify(metrics, null, 2)}\n`);
    await writeFileAtomic(reportFile, renderReport(metrics, registry));
    files.push(metricsFile, reportFile);
  }
  return { metrics, out, files };
}

export function defaultOutDir(input: EvaluateInput): string {
  if (typeof input !== 'string') throw new DatasetError('evaluate: give options.out when evaluating records in memory');
  if (statSync(input, { throwIfNoEntry: false })?.isDirectory()) return join(input, 'evaluation');
  return join(dirname(input), `${basename(input, extname(input))}.evaluation`);
}

async function* arrayStream(records: readonly Record<string, unknown>[]): AsyncGenerator<Record<string, unknown>> {
  yield* records;
}

/** A record's id in every finding: its `_id` (a synthkit run), else the file's own `id`, else its position. */
function recordId(record: Record<string, unknown>, index: number): string {
  for (const raw of [record._id, record.id]) if (typeof raw === 'string' || typeof raw === 'number') return String(raw);
  return String(index);
}
