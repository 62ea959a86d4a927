/**
 * Evaluation: measures a finished run, a JSONL file or records in memory, and writes
 * `metrics.json` and a self-contained `report.html` (default `<run-dir>/evaluation/`, or
 * `<file>.evaluation/` next to a file).
 *
 * Records stream past once (the first 1,000 are held back only until the text columns are chosen);
 * each metric keeps only what it needs: counters and hash sets for distinct-n, compression and
 * repetition, one small projection per record (attribute values, signals) for coverage and the
 * bias audit, and seeded reservoirs for the metrics that compare records with each other
 * (Self-BLEU, embeddings, the LLM checks). A second pass recounts the repeated n-gram candidates
 * exactly. Thresholds (`fail_on`) are checked last; `passed` is false when any fails.
 */
import { mkdir } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { writeFileAtomic } from '../core/write-atomic.js';
import { openModels, type ModelSession } from '../store/open-models.js';
import { findCanaries } from '../safety/canary.js';
import { measureLeakage } from '../safety/leakage.js';
import { getPath, setPath } from '../core/field-path.js';
import { DatasetError, readDataset } from '../store/read-dataset.js';
import { checkThresholds } from './check-thresholds.js';
import { ColumnDiversityAccumulator } from './column-diversity.js';
import type { EvaluateConfig, EvaluateConfigInput } from './config-schema.js';
import { measureConsistency, type TextRecord } from './consistency.js';
import { DETECTION_SAMPLE, TextColumnDetector } from './detect-text-columns.js';
import type { CanaryMetrics, EmbeddingDiversity, EvaluationMetrics, LeakageMetrics, RelevanceMetrics } from './evaluation-metrics.js';
import { measureFactualness, readPassages, type GroundedRecord } from './factualness.js';
import { loadEvaluateConfigFile, parseEvaluateConfigObject } from './load-evaluate-config.js';
import { demographicAudit } from './metrics/bias-audit.js';
import { attributeCoverage, combinationCoverage, valueKey } from './metrics/coverage.js';
import { nearestNeighbourSimilarity } from './metrics/nearest-neighbour.js';
import { histogram, summarize } from '../core/quantiles.js';
import { trainOnSyntheticTestOnReal } from './metrics/tstr.js';
import { vendiScore } from './metrics/vendi.js';
import type { LabeledText } from './metrics/classifier.js';
import { PiiAccumulator } from './pii-findings.js';
import { readCanaries } from './read-canaries.js';
import { readRecordsFile } from './read-texts-file.js';
import { readRecipeAttributes, type RecipeAttributes } from './recipe-attributes.js';
import { Reservoir } from './reservoir.js';
import { signalValue } from './signal-value.js';
import { renderReport } from './report/render-report.js';
import { embedAll } from '../models/embedders.js';

export type EvaluateInput = string | readonly Record<string, unknown>[];

export interface EvaluateOptions {
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

export interface EvaluationResult {
  metrics: EvaluationMetrics;
  out?: string;
  files: string[];
}

export const EVALUATE_DEFAULTS = {
  judgeScoreField: '_signals.judge.score',
  embeddingSample: 5000,
  factualnessRecords: 50,
  consistencyRecords: 1000,
  consistencyPairs: 100,
  concurrency: 4,
  /** Distinct values up to which a field found in the data counts as a sampled attribute. */
  maxAttributeValues: 30,
} as const;

export async function evaluate(input: EvaluateInput, config: string | EvaluateConfig | EvaluateConfigInput = {}, options: EvaluateOptions = {}): Promise<EvaluationResult> {
  const parsed = typeof config === 'string' ? loadEvaluateConfigFile(config) : parseEvaluateConfigObject(config);
  const configDir = options.configDir ?? (typeof config === 'string' ? dirname(resolve(config)) : process.cwd());
  const write = options.write ?? true;
  const out = write ? (options.out ?? defaultOutDir(input)) : options.out;
  const fromConfig = (file: string) => (isAbsolute(file) ? file : resolve(configDir, file));
  const seed = parsed.seed ?? 0;
  const recipe = typeof input === 'string' ? readRecipeAttributes(input) : null;
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
  const columns = parsed.columns ?? detector.columns();
  const judgeField = parsed.judge_score_field ?? EVALUATE_DEFAULTS.judgeScoreField;
  const coverageColumns: { field: string; target?: Record<string, number> }[] = parsed.coverage?.columns?.map((c) => (typeof c === 'string' ? { field: c } : c)) ?? recipe?.columns ?? detectAttributes(head, columns);
  const combinations = parsed.coverage?.combinations ?? recipe?.combinations ?? [];
  const heatmapPair = parsed.coverage?.heatmap ?? (combinations.find((c) => c.length === 2) as [string, string] | undefined) ?? defaultHeatmap(coverageColumns.map((c) => c.field));
  const bias = parsed.bias ?? defaultBias(recipe, head, columns, judgeField);
  const attributeFields = [...new Set([...coverageColumns.map((c) => c.field), ...combinations.flat(), ...(heatmapPair ?? []), ...(bias?.groups ?? [])])];
  const piiFields = parsed.privacy?.pii_columns ?? columns;
  const embeddingField = options.embeddingsField ?? parsed.diversity?.embedding_field;
  // With an embedder, a seeded sample of the first text column is embedded after the pass.
  const embedSpec = embeddingField ? undefined : parsed.diversity?.embed;
  const embedColumn = columns[0];
  const referenceFile = options.reference ?? (parsed.privacy?.reference ? fromConfig(parsed.privacy.reference) : undefined);
  const leakageColumn = parsed.privacy?.leakage_column ?? columns[0];
  const canaries = [...(parsed.privacy?.canaries ?? []), ...(parsed.privacy?.canaries_from ? readCanaries(fromConfig(parsed.privacy.canaries_from)) : [])];
  const testFile = options.test ?? (parsed.relevance?.test_file ? fromConfig(parsed.relevance.test_file) : undefined);
  if (testFile !== undefined && parsed.relevance === undefined) {
    throw new DatasetError('a real test file was given but the config has no relevance section; set relevance.text_field and relevance.label_field');
  }

  // --- accumulators ------------------------------------------------------------------------------
  const diversity = columns.map(
    (column) =>
      new ColumnDiversityAccumulator(column, {
        seed,
        selfBleuSample: parsed.diversity?.self_bleu_sample,
        selfBleuReferences: parsed.diversity?.self_bleu_references,
        topNgrams: parsed.diversity?.top_ngrams,
        ngram: parsed.diversity?.ngram,
      }),
  );
  const pii = new PiiAccumulator(piiFields, { types: parsed.privacy?.pii_types, minConfidence: parsed.privacy?.min_confidence, examplesPerType: parsed.privacy?.examples_per_type });
  const projections: Record<string, unknown>[] = [];
  const judgeScores: number[] = [];
  const embeddings = new Reservoir<{ id: string; vector: number[] }>(parsed.diversity?.embedding_sample ?? EVALUATE_DEFAULTS.embeddingSample, `${seed}/embeddings`);
  const toEmbed = new Reservoir<{ id: string; text: string }>(parsed.diversity?.embedding_sample ?? EVALUATE_DEFAULTS.embeddingSample, `${seed}/embeddings`);
  const grounded = new Reservoir<GroundedRecord>(parsed.factualness?.max_records ?? EVALUATE_DEFAULTS.factualnessRecords, `${seed}/factualness`);
  let groundedSkipped = 0;
  const consistencyPool = new Reservoir<TextRecord>(parsed.consistency?.max_records ?? EVALUATE_DEFAULTS.consistencyRecords, `${seed}/consistency`);
  const labelled: LabeledText[] = [];
  const leakageTexts: { id: string; text: string }[] = [];
  const canaryFields = [...new Set([...piiFields, ...columns])];
  const canaryHits = new Map<string, { records: string[]; exact: boolean }>();

  // --- pass 1 ------------------------------------------------------------------------------------
  progress(`evaluating ${columns.length ? columns.join(', ') : '(no text columns found)'}`);
  let index = 0;
  const visit = (record: Record<string, unknown>): void => {
    const id = recordId(record, index++);
    const texts: [string, string][] = [];
    diversity.forEach((acc) => {
      const text = getPath(record, acc.column);
      if (typeof text === 'string' && text !== '') acc.add(text);
    });
    for (const field of piiFields) {
      const value = getPath(record, field);
      if (typeof value === 'string' && value !== '') texts.push([field, value]);
    }
    pii.add(id, texts);

    const projection: Record<string, unknown> = {};
    for (const field of attributeFields) setPath(projection, field, valueKey(getPath(record, field)));
    bias?.signals.forEach((signal, s) => (projection[`__signal_${s}`] = signalValue(record, signal)));
    projections.push(projection);

    const score = getPath(record, judgeField);
    if (typeof score === 'number' && Number.isFinite(score)) judgeScores.push(score);
    if (embeddingField) {
      const vector = getPath(record, embeddingField);
      if (Array.isArray(vector) && vector.length > 0 && vector.every((x) => typeof x === 'number')) embeddings.add({ id, vector: vector as number[] });
    } else if (embedSpec && embedColumn) {
      const text = getPath(record, embedColumn);
      if (typeof text === 'string' && text !== '') toEmbed.add({ id, text });
    }
    if (parsed.factualness) {
      const text = getPath(record, parsed.factualness.field);
      const passages = readPassages(getPath(record, parsed.factualness.sources_field));
      if (typeof text === 'string' && text.trim() && passages.length > 0) grounded.add({ id, text, passages });
      else groundedSkipped++;
    }
    if (parsed.consistency) {
      const text = getPath(record, parsed.consistency.field);
      if (typeof text === 'string' && text.trim()) consistencyPool.add({ id, text });
    }
    if (parsed.relevance) {
      const text = getPath(record, parsed.relevance.text_field);
      const label = getPath(record, parsed.relevance.label_field);
      if (typeof text === 'string' && label !== undefined && label !== null && label !== '') labelled.push({ text, label: valueKey(label) });
    }
    if (referenceFile) {
      const text = getPath(record, leakageColumn);
      if (typeof text === 'string') leakageTexts.push({ id, text });
    }
    if (canaries.length > 0) {
      const canaryTexts = canaryFields.map((field) => getPath(record, field)).filter((t): t is string => typeof t === 'string');
      for (const hit of findCanaries(canaryTexts, canaries)) {
        const entry = canaryHits.get(hit.canary) ?? { records: [], exact: false };
        entry.records.push(id);
        entry.exact ||= hit.exact.length > 0;
        canaryHits.set(hit.canary, entry);
      }
    }
  };
  for (const record of head) visit(record);
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    visit(next.value);
    if ((index & 0x3fff) === 0) {
      options.signal?.throwIfAborted();
      progress(`${index} records read`);
    }
  }
  const records = index;

  // --- pass 2: exact counts of the repeated n-gram candidates -----------------------------------
  if (diversity.some((acc) => acc.needsRecount)) {
    diversity.forEach((acc) => acc.startRecount());
    for await (const record of source()) {
      for (const acc of diversity) {
        const text = getPath(record, acc.column);
        if (typeof text === 'string' && text !== '') acc.recount(text);
      }
    }
  }

  // --- metrics from what was kept ----------------------------------------------------------------
  const coverage: EvaluationMetrics['coverage'] = { columns: {}, combinations: [], heatmap: null };
  for (const { field, target } of coverageColumns) coverage.columns[field] = attributeCoverage(projections, field, target ? { target } : {});
  const domains = recipe?.domains ?? {};
  for (const combo of combinations) coverage.combinations.push(combinationCoverage(projections, combo, { domains }));
  if (heatmapPair) coverage.heatmap = combinationCoverage(projections, heatmapPair, { domains });

  let biasResult: EvaluationMetrics['bias'] = null;
  if (bias && records > 0) {
    const names = bias.signals.map((_, s) => `__signal_${s}`);
    const audit = demographicAudit(projections, { groupColumns: bias.groups, signals: names, minGroupSize: bias.min_group_size });
    const rename = (name: string) => bias.signals[Number(name.slice('__signal_'.length))] ?? name;
    biasResult = {
      records: audit.records,
      columns: audit.columns.map((c) => ({
        column: c.column,
        groups: c.groups.map((g) => ({
          ...g,
          means: Object.fromEntries(Object.entries(g.means).map(([k, v]) => [rename(k), v])),
          measured: Object.fromEntries(Object.entries(g.measured).map(([k, v]) => [rename(k), v])),
        })),
      })),
      gaps: audit.gaps.map((gap) => ({ ...gap, signal: rename(gap.signal) })),
    };
  }
  projections.length = 0;

  const judge = judgeScores.length === 0 ? null : judgeHistogram(judgeField, judgeScores);
  if (embedSpec && toEmbed.items.length > 0) {
    progress(`embedding ${toEmbed.items.length} texts of ${embedColumn} with ${embedSpec}`);
    const vectors = await embedAll(embedSpec, toEmbed.items.map((item) => item.text));
    toEmbed.items.forEach((item, i) => embeddings.add({ id: item.id, vector: vectors[i] }));
  }
  const embeddingLabel = embeddingField ?? (embedSpec ? `${embedColumn} (${embedSpec})` : undefined);
  const embeddingTotal = embedSpec ? toEmbed.total : embeddings.total;
  const embeddingMetrics = embeddingLabel && embeddings.items.length > 0 ? measureEmbeddings(embeddingLabel, embeddings.items.map((e) => e.vector), embeddingTotal, seed) : null;
  const leakage = referenceFile ? measureReferenceLeakage(referenceFile, parsed.privacy?.reference_field, leakageColumn, leakageTexts) : null;
  const canaryMetrics: CanaryMetrics | null =
    canaries.length === 0
      ? null
      : {
          checked: canaries.length,
          found: canaryHits.size,
          hits: [...canaryHits].map(([canary, hit]) => ({ canary, records: hit.records.slice(0, 20), loose_only: !hit.exact })),
        };
  const relevance = parsed.relevance && testFile ? measureRelevance(parsed.relevance, testFile, parsed.relevance.train_file ? fromConfig(parsed.relevance.train_file) : undefined, labelled) : null;

  // --- LLM checks --------------------------------------------------------------------------------
  let factualness: EvaluationMetrics['factualness'] = null;
  let consistency: EvaluationMetrics['consistency'] = null;
  let usage: EvaluationMetrics['models'] = [];
  if (parsed.factualness || parsed.consistency) {
    const dir = out ?? defaultOutDir(input);
    await mkdir(dir, { recursive: true });
    const session: ModelSession = await openModels(parsed.models, dir, { file: 'evaluate.sqlite', cache: options.cache, cacheDir: options.cacheDir, localModel: options.localModel });
    try {
      // Both checks take the same settings from their config sections.
      const checkOptions = (c: { model: string; field: string; max_repairs?: number; max_tokens?: number; concurrency?: number }) => ({
        session,
        model: c.model,
        field: c.field,
        maxRepairs: c.max_repairs,
        maxTokens: c.max_tokens,
        seed,
        signal: options.signal,
        concurrency: c.concurrency ?? EVALUATE_DEFAULTS.concurrency,
      });
      if (parsed.factualness) {
        progress(`factualness: ${grounded.items.length} records`);
        factualness = await measureFactualness(grounded.items, groundedSkipped + Math.max(0, grounded.total - grounded.items.length), checkOptions(parsed.factualness));
      }
      if (parsed.consistency) {
        progress(`consistency: ${consistencyPool.items.length} records`);
        consistency = await measureConsistency(consistencyPool.items, {
          ...checkOptions(parsed.consistency),
          maxPairs: parsed.consistency.max_pairs ?? EVALUATE_DEFAULTS.consistencyPairs,
        });
      }
    } finally {
      usage = session.usage();
      await session.close();
    }
  }

  const metrics: EvaluationMetrics = {
    version: 1,
    input: typeof input === 'string' ? input : '(records)',
    records,
    columns,
    diversity: Object.fromEntries(diversity.map((acc) => [acc.column, acc.result()])),
    embeddings: embeddingMetrics,
    coverage,
    bias: biasResult,
    judge,
    factualness,
    consistency,
    pii: pii.result(),
    leakage,
    canaries: canaryMetrics,
    relevance,
    models: usage,
    thresholds: [],
    passed: true,
  };
  // Thresholds read the metrics as metrics.json holds them (NaN as null).
  metrics.thresholds = checkThresholds(JSON.parse(JSON.stringify(metrics)), parsed.fail_on ?? []);
  metrics.passed = metrics.thresholds.every((t) => t.passed);

  const files: string[] = [];
  if (write && out !== undefined) {
    await mkdir(out, { recursive: true });
    const metricsFile = join(out, 'metrics.json');
    const reportFile = join(out, 'report.html');
    await writeFileAtomic(metricsFile, `${JSON.stringify(metrics, null, 2)}\n`);
    await writeFileAtomic(reportFile, renderReport(metrics));
    files.push(metricsFile, reportFile);
  }
  return { metrics, out, files };
}

export function defaultOutDir(input: EvaluateInput): string {
  if (typeof input !== 'string') throw new Error('evaluate: give options.out when evaluating records in memory');
  if (statSync(input, { throwIfNoEntry: false })?.isDirectory()) return join(input, 'evaluation');
  return join(dirname(input), `${basename(input, extname(input))}.evaluation`);
}

async function* arrayStream(records: readonly Record<string, unknown>[]): AsyncGenerator<Record<string, unknown>> {
  yield* records;
}

function recordId(record: Record<string, unknown>, index: number): string {
  const raw = record._id;
  return typeof raw === 'string' || typeof raw === 'number' ? String(raw) : String(index);
}


/**
 * Attributes of a plain file: top-level (and one level nested, e.g. persona.region) string,
 * number or boolean fields that are not text columns or bookkeeping and take at most 30 values
 * in the first records.
 */
function detectAttributes(head: readonly Record<string, unknown>[], textColumns: readonly string[]): { field: string }[] {
  const values = new Map<string, Set<string>>();
  const note = (path: string, value: unknown) => {
    if (!['string', 'number', 'boolean'].includes(typeof value)) return;
    const set = values.get(path) ?? new Set<string>();
    set.add(String(value));
    values.set(path, set);
  };
  for (const record of head) {
    for (const [key, value] of Object.entries(record)) {
      if (key.startsWith('_') || textColumns.includes(key) || /^(id|uuid)$|_id$/i.test(key)) continue;
      if (value && typeof value === 'object' && !Array.isArray(value)) for (const [sub, v] of Object.entries(value)) note(`${key}.${sub}`, v);
      else note(key, value);
    }
  }
  return [...values]
    .filter(([, set]) => set.size >= 2 && set.size <= EVALUATE_DEFAULTS.maxAttributeValues && set.size < head.length)
    .map(([field]) => ({ field }));
}

function defaultHeatmap(fields: readonly string[]): [string, string] | undefined {
  return fields.length >= 2 ? [fields[0], fields[1]] : undefined;
}

/** Default audit of a run whose recipe samples a persona: age band, gender, region against text lengths and the judge score. */
function defaultBias(recipe: RecipeAttributes | null, head: readonly Record<string, unknown>[], columns: readonly string[], judgeField: string): EvaluateConfig['bias'] {
  const groups = (recipe?.personaFields ?? []).filter((f) => /\.(age_band|gender|region)$/.test(f));
  if (groups.length === 0 || columns.length === 0) return undefined;
  const signals = columns.map((c) => `length:${c}`);
  if (head.some((r) => typeof getPath(r, judgeField) === 'number')) signals.push(judgeField);
  return { groups, signals };
}

function judgeHistogram(field: string, scores: number[]): NonNullable<EvaluationMetrics['judge']> {
  const summary = summarize(scores);
  // One bin per integer score when scores are on a small integer scale (1-5, 1-10).
  const integer = scores.every(Number.isInteger) && summary.max - summary.min <= 20;
  const min = integer ? summary.min - 0.5 : summary.min;
  const max = integer ? summary.max + 0.5 : summary.max > summary.min ? summary.max : summary.min + 1;
  return { field, scores: summary, histogram: histogram(scores, integer ? summary.max - summary.min + 1 : 20, min, max) };
}

function measureEmbeddings(field: string, vectors: number[][], total: number, seed: number): EmbeddingDiversity {
  const nn = nearestNeighbourSimilarity(vectors);
  return {
    field,
    items: total,
    sampled: vectors.length,
    vendi: vendiScore(vectors, { seed: `${seed}/vendi` }),
    nearest_neighbour: nn.summary,
    nearest_neighbour_histogram: nn.histogram,
    near_duplicates: nn.nearDuplicates,
  };
}

function measureReferenceLeakage(file: string, referenceField: string | undefined, column: string, texts: { id: string; text: string }[]): LeakageMetrics {
  const rows = readRecordsFile(file);
  const field = referenceField ?? (rows.some((r) => typeof getPath(r, column) === 'string') ? column : 'text');
  const references = rows.map((r) => getPath(r, field)).filter((t): t is string => typeof t === 'string');
  const report = measureLeakage(texts.map((t) => t.text), references);
  return {
    reference: file,
    column,
    references: references.length,
    texts: texts.length,
    longest_span: report.longestSpan,
    ngram_overlap: report.overlap,
    distance_to_closest: report.distance,
    worst: report.worstBySpan.map((f) => ({ record: texts[f.index].id, longest_span: f.longestSpan, span: f.span, overlap: f.overlap, distance: f.distance })),
  };
}

function measureRelevance(config: NonNullable<EvaluateConfig['relevance']>, testFile: string, trainFile: string | undefined, synthetic: LabeledText[]): RelevanceMetrics {
  const read = (file: string): LabeledText[] =>
    readRecordsFile(file).flatMap((r) => {
      const text = getPath(r, config.text_field);
      const label = getPath(r, config.label_field);
      return typeof text === 'string' && label !== undefined && label !== null && label !== '' ? [{ text, label: valueKey(label) }] : [];
    });
  const realTest = read(testFile);
  if (realTest.length === 0) throw new DatasetError(`${testFile}: no records with ${config.text_field} and ${config.label_field}`);
  if (synthetic.length === 0) throw new DatasetError(`the dataset has no records with ${config.text_field} and ${config.label_field} to train on`);
  const realTrain = trainFile ? read(trainFile) : undefined;
  return {
    test_file: testFile,
    train_file: trainFile ?? null,
    synthetic_examples: synthetic.length,
    test_examples: realTest.length,
    tstr: trainOnSyntheticTestOnReal({ synthetic, realTest, realTrain }),
  };
}
