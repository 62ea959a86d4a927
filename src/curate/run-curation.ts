/**
 * Curation: runs the config's stages in order over a finished run, a JSONL file or records in
 * memory. A record dropped by a stage is not shown to later stages; a flagged one is. Nothing is
 * deleted: every record leaves with its decision, reasons and signals.
 *
 * Output directory (default `<run-dir>/curated/`, or `<file>.curated/` next to a JSONL file):
 *   curated.jsonl/.csv/.parquet  kept + flagged records, with _decision, _reasons, _signals, _weight
 *   all.jsonl                    every record, dropped ones included
 *   decisions.json               each record's path through the stages (what --explain prints)
 *   clusters.json                duplicate clusters per dedup stage, by record id
 *   summary.json                 counts per stage and reason, judge agreement, model usage
 *   curate.sqlite                the judges' calls (a re-run reuses them)
 */
import { mkdir } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { writeDatasetFiles } from '../export/index.js';
import { writeJsonl } from '../export/jsonl.js';
import { writeFileAtomic } from '../core/write-atomic.js';
import { openModels, type ModelSession } from '../store/open-models.js';
import { DatasetError, readAllRecords } from '../store/read-dataset.js';
import { stageNameOf, type CurateConfig, type CurateConfigInput, type StageConfig } from './config-schema.js';
import { applyOutcome, type CurationRecord, type Decision } from './curation-record.js';
import type { CurateEvent } from './curate-events.js';
import { loadCurateConfigFile, parseCurateConfigObject } from './load-curate-config.js';
import { normalizeWeights } from './weight.js';
import { runJudgeStage } from './judge/judge-stage.js';
import { runPairwiseStage } from './judge/pairwise-stage.js';
import { runDecontaminateStage } from './stages/decontaminate-stage.js';
import { runDedupStage } from './stages/dedup-stage.js';
import { RULE_STAGES, runRuleStage, type RuleStageConfig } from './stages/rule-stage.js';
import type { ClusterReport, StageContext, StageResult } from './stages/stage-context.js';
import { runWeightStage } from './stages/weight-stage.js';

export type CurateInput = string | Record<string, unknown>[];

export interface CurateOptions {
  /** Output directory; required when the input is records in memory. */
  out?: string;
  signal?: AbortSignal;
  onEvent?: (event: CurateEvent) => void;
  /** Runs every local judge model on this GGUF file. */
  localModel?: string;
  /** Use the shared cross-run call cache (default true). This curation's own store is always reused. */
  cache?: boolean;
  cacheDir?: string;
  /** Directory relative paths in an object config resolve against (default: the config file's, else cwd). */
  configDir?: string;
}

export interface StageSummary {
  name: string;
  stage: string;
  /** Records the stage saw (those not dropped before it). */
  seen: number;
  kept: number;
  dropped: number;
  flagged: number;
  reasons: { reason: string; decision: Exclude<Decision, 'kept'>; count: number }[];
  clusters?: number;
  agreement?: StageResult['agreement'];
}

export interface CurationSummary {
  input: string;
  out?: string;
  records: number;
  kept: number;
  dropped: number;
  flagged: number;
  stages: StageSummary[];
  weights?: { records: number; min: number; max: number; mean: number };
  models: ReturnType<ModelSession['usage']>;
  files: string[];
}

export interface CurationResult {
  summary: CurationSummary;
  records: CurationRecord[];
}

export async function curate(input: CurateInput, config: string | CurateConfig | CurateConfigInput, options: CurateOptions = {}): Promise<CurationSummary> {
  return (await curateRecords(input, config, options)).summary;
}

/** As `curate`, also returning the records with their decisions (for the CLI's --explain and for library users). */
export async function curateRecords(input: CurateInput, config: string | CurateConfig | CurateConfigInput, options: CurateOptions = {}): Promise<CurationResult> {
  const parsed = typeof config === 'string' ? loadCurateConfigFile(config) : parseCurateConfigObject(config);
  const configDir = options.configDir ?? (typeof config === 'string' ? dirname(resolve(config)) : process.cwd());
  const out = options.out ?? defaultOutDir(input);
  const records = toCurationRecords(typeof input === 'string' ? await readAllRecords(input) : input);

  const needsModels = parsed.stages.some((s) => s.stage === 'judge' || s.stage === 'pairwise-judge');
  await mkdir(out, { recursive: true });
  const session = needsModels
    ? await openModels(parsed.models, out, { file: 'curate.sqlite', cache: options.cache, cacheDir: options.cacheDir, localModel: options.localModel })
    : undefined;
  const context: StageContext = { config: parsed, configDir, session, seed: parsed.seed ?? 0, signal: options.signal, onEvent: options.onEvent };
  const stageSummaries: StageSummary[] = [];
  const clusters: Record<string, ClusterReport[]> = {};
  let weightStage: string | undefined;
  let usage: CurationSummary['models'] = [];
  try {
    for (const stage of parsed.stages) {
      options.signal?.throwIfAborted();
      const name = stageNameOf(stage);
      const active = records.filter((r) => r.decision !== 'dropped');
      options.onEvent?.({ type: 'stage-start', stage: name, kind: stage.stage, records: active.length });
      const result = await runStage(active, stage, context, name);
      active.forEach((record, i) => applyOutcome(record, name, stage.stage, result.outcomes[i]));
      if (result.clusters) clusters[name] = result.clusters;
      if (stage.stage === 'weight') weightStage = name;
      const summary = summarizeStage(name, stage.stage, active, result);
      stageSummaries.push(summary);
      options.onEvent?.({ type: 'stage-done', stage: name, kind: stage.stage, kept: summary.kept, dropped: summary.dropped, flagged: summary.flagged });
    }
  } finally {
    usage = session?.usage() ?? [];
    await session?.close();
  }

  const weights = weightStage ? applyWeights(records, weightStage, parsed.stages.find((s) => s.stage === 'weight') as Extract<StageConfig, { stage: 'weight' }>) : undefined;
  const summary: CurationSummary = {
    input: typeof input === 'string' ? input : '(records)',
    out,
    records: records.length,
    kept: records.filter((r) => r.decision === 'kept').length,
    dropped: records.filter((r) => r.decision === 'dropped').length,
    flagged: records.filter((r) => r.decision === 'flagged').length,
    stages: stageSummaries,
    weights,
    models: usage,
    files: [],
  };
  summary.files = await writeOutputs(out, records, clusters, summary, Boolean(weightStage));
  return { summary, records };
}

async function runStage(active: CurationRecord[], stage: StageConfig, context: StageContext, name: string): Promise<StageResult> {
  if (RULE_STAGES.has(stage.stage)) return runRuleStage(active, stage as RuleStageConfig, context);
  switch (stage.stage) {
    case 'exact-dedup':
    case 'near-dedup':
    case 'semantic-dedup':
      return runDedupStage(active, stage, context);
    case 'decontaminate':
      return runDecontaminateStage(active, stage, context);
    case 'judge':
      return runJudgeStage(active, stage, context, name);
    case 'pairwise-judge':
      return runPairwiseStage(active, stage, context, name);
    case 'weight':
      return runWeightStage(active, stage, context);
    default:
      throw new Error(`no runner for stage '${stage.stage}'`);
  }
}

function toCurationRecords(rows: Record<string, unknown>[]): CurationRecord[] {
  const seen = new Set<string>();
  return rows.map((data, index) => {
    // A plain JSONL file has no `_id`: the record's position (0-based, blank lines skipped) stands in.
    const raw = data._id;
    const id = typeof raw === 'string' || typeof raw === 'number' ? raw : index;
    if (seen.has(String(id))) throw new DatasetError(`two records have _id ${JSON.stringify(id)}; curation needs unique ids to report decisions`);
    seen.add(String(id));
    return { id, data, decision: 'kept', reasons: [], signals: {}, details: {}, trail: [] };
  });
}

function defaultOutDir(input: CurateInput): string {
  if (typeof input !== 'string') throw new Error('curate: give options.out when curating records in memory');
  if (statSync(input, { throwIfNoEntry: false })?.isDirectory()) return join(input, 'curated');
  return join(dirname(input), `${basename(input, extname(input))}.curated`);
}

function summarizeStage(name: string, kind: string, active: CurationRecord[], result: StageResult): StageSummary {
  const counts = { kept: 0, dropped: 0, flagged: 0 };
  const reasons = new Map<string, StageSummary['reasons'][number]>();
  for (const outcome of result.outcomes) {
    counts[outcome.decision]++;
    if (outcome.decision === 'kept') continue;
    for (const reason of outcome.reasons) {
      const key = `${outcome.decision}\0${reason}`;
      const entry = reasons.get(key) ?? { reason, decision: outcome.decision, count: 0 };
      entry.count++;
      reasons.set(key, entry);
    }
  }
  return {
    name,
    stage: kind,
    seen: active.length,
    ...counts,
    reasons: [...reasons.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    ...(result.clusters ? { clusters: result.clusters.length } : {}),
    ...(result.agreement ? { agreement: result.agreement } : {}),
  };
}

function applyWeights(records: CurationRecord[], stage: string, config: Extract<StageConfig, { stage: 'weight' }>): CurationSummary['weights'] {
  const exported = records.filter((r) => r.decision !== 'dropped');
  const raw = exported.map((r) => r.signals[stage]?.raw);
  const weights = normalizeWeights(raw, { min: config.min, max: config.max });
  exported.forEach((r, i) => {
    if (weights[i] !== undefined) r.weight = weights[i];
  });
  const given = weights.filter((w): w is number => w !== undefined);
  if (given.length === 0) return undefined;
  return { records: given.length, min: Math.min(...given), max: Math.max(...given), mean: Math.round((given.reduce((s, w) => s + w, 0) / given.length) * 1e6) / 1e6 };
}

/** The record as written to the files: its own fields, then the curation columns. */
export function toOutputRow(record: CurationRecord, withWeight: boolean): Record<string, unknown> {
  const row: Record<string, unknown> = { ...record.data, _id: record.id, _decision: record.decision, _reasons: record.reasons, _signals: record.signals };
  if (Object.keys(record.details).length) row._judgements = record.details;
  if (withWeight) row._weight = record.weight ?? null;
  return row;
}

async function writeOutputs(out: string, records: CurationRecord[], clusters: Record<string, ClusterReport[]>, summary: CurationSummary, withWeight: boolean): Promise<string[]> {
  const rows = records.map((r) => toOutputRow(r, withWeight));
  const curated = rows.filter((row) => row._decision !== 'dropped');
  const files = await writeDatasetFiles(out, curated, { basename: 'curated' });
  const all = join(out, 'all.jsonl');
  await writeJsonl(all, rows);
  const decisions = join(out, 'decisions.json');
  await writeFileAtomic(decisions, `${JSON.stringify({ records: records.map((r) => ({ id: r.id, decision: r.decision, trail: r.trail })) }, null, 1)}\n`);
  const clustersFile = join(out, 'clusters.json');
  await writeFileAtomic(clustersFile, `${JSON.stringify(clusters, null, 1)}\n`);
  const summaryFile = join(out, 'summary.json');
  files.push(all, decisions, clustersFile, summaryFile);
  await writeFileAtomic(summaryFile, `${JSON.stringify({ ...summary, files }, null, 1)}\n`);
  return files;
}
