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
import { stageNameOf, type CurateConfig, type CurateConfigInputFor } from './config-schema.js';
import type { StageConfigBase } from './curate-stage.js';
import { applyOutcome, type CurationRecord, type Decision } from './curation-record.js';
import type { CurateEvent } from './curate-events.js';
import { loadCurateConfigFile, parseCurateConfigObject } from './load-curate-config.js';
import { CURATE_STAGES, stageOf, type StageRegistry } from './stage-registry.js';
import type { ClusterReport, StageContext, StageResult } from './stages/stage-context.js';
import type { WeightSummary } from './weight.js';

export type CurateInput = string | Record<string, unknown>[];

export interface CurateOptions<R extends StageRegistry = typeof CURATE_STAGES> {
  /** The stages this curation knows (default CURATE_STAGES); add your own with `[...CURATE_STAGES, myStage]`. */
  stages?: R;
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
  weights?: WeightSummary;
  models: ReturnType<ModelSession['usage']>;
  files: string[];
}

export interface CurationResult {
  summary: CurationSummary;
  records: CurationRecord[];
}

export async function curate<const R extends StageRegistry = typeof CURATE_STAGES>(
  input: CurateInput,
  config: string | CurateConfig | CurateConfigInputFor<R>,
  options: CurateOptions<R> = {},
): Promise<CurationSummary> {
  return (await curateRecords(input, config, options)).summary;
}

/** As `curate`, also returning the records with their decisions (for the CLI's --explain and for library users). */
export async function curateRecords<const R extends StageRegistry = typeof CURATE_STAGES>(
  input: CurateInput,
  config: string | CurateConfig | CurateConfigInputFor<R>,
  options: CurateOptions<R> = {},
): Promise<CurationResult> {
  const registry: StageRegistry = options.stages ?? CURATE_STAGES;
  const parsed = typeof config === 'string' ? loadCurateConfigFile(config, registry) : parseCurateConfigObject(config, undefined, [], registry);
  const configDir = options.configDir ?? (typeof config === 'string' ? dirname(resolve(config)) : process.cwd());
  const out = options.out ?? defaultOutDir(input);
  const records = toCurationRecords(typeof input === 'string' ? await readAllRecords(input) : input);
  // Curating nothing would write empty files and report success: almost always a wrong path or a failed run.
  if (records.length === 0)
    throw new DatasetError(typeof input === 'string' ? `${input} holds no records; nothing to curate` : 'no records were given; nothing to curate');

  const stages = (parsed.stages as StageConfigBase[]).map((config) => ({ config, name: stageNameOf(config), definition: stageOf(registry, config.stage) }));
  await mkdir(out, { recursive: true });
  const session = stages.some((s) => (typeof s.definition.usesModels === 'function' ? s.definition.usesModels(s.config) : s.definition.usesModels))
    ? await openModels(parsed.models, out, { file: 'curate.sqlite', cache: options.cache, cacheDir: options.cacheDir, localModel: options.localModel })
    : undefined;
  const settings = { models: parsed.models, text_field: parsed.text_field, seed: parsed.seed, stages: stages.map((s) => s.config) };
  const shared: Omit<StageContext, 'name'> = {
    config: settings,
    configDir,
    out,
    session,
    seed: parsed.seed ?? 0,
    signal: options.signal,
    onEvent: options.onEvent,
  };
  const stageSummaries: StageSummary[] = [];
  const clusters: Record<string, ClusterReport[]> = {};
  let usage: CurationSummary['models'] = [];
  try {
    for (const { config: stage, name, definition } of stages) {
      options.signal?.throwIfAborted();
      const active = records.filter((r) => r.decision !== 'dropped');
      options.onEvent?.({ type: 'stage-start', stage: name, kind: stage.stage, records: active.length });
      const result = await definition.run(active, stage, { ...shared, name });
      active.forEach((record, i) => {
        applyOutcome(record, name, stage.stage, result.outcomes[i]);
      });
      if (result.clusters) clusters[name] = result.clusters;
      const summary = summarizeStage(name, stage.stage, active, result);
      stageSummaries.push(summary);
      options.onEvent?.({ type: 'stage-done', stage: name, kind: stage.stage, kept: summary.kept, dropped: summary.dropped, flagged: summary.flagged });
    }
  } finally {
    usage = session?.usage() ?? [];
    await session?.close();
  }

  // After every stage, over all records: the weight stage normalizes its weights here.
  let weighted = false;
  let weights: WeightSummary | undefined;
  for (const { config: stage, name, definition } of stages) {
    const finished = definition.finish?.(records, stage, name);
    if (!finished) continue;
    weighted = true;
    weights = finished.weights;
  }
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
  summary.files = await writeOutputs(out, records, clusters, summary, weighted);
  return { summary, records };
}

function toCurationRecords(rows: Record<string, unknown>[]): CurationRecord[] {
  // A record's id: its `_id` (a synthkit run), else the file's own `id` field when every record has
  // a distinct one (so --explain and every report name records as the user's data does), else its
  // position (0-based, blank lines skipped).
  const own = rows.map((data) => data.id);
  const ownIds = own.every((v) => typeof v === 'string' || typeof v === 'number') && new Set(own.map(String)).size === own.length;
  const seen = new Set<string>();
  return rows.map((data, index) => {
    const raw = data._id;
    const id = typeof raw === 'string' || typeof raw === 'number' ? raw : ownIds ? (own[index] as string | number) : index;
    if (seen.has(String(id))) throw new DatasetError(`two records have _id ${JSON.stringify(id)}; curation needs unique ids to report decisions`);
    seen.add(String(id));
    return { id, data, decision: 'kept', reasons: [], signals: {}, details: {}, trail: [] };
  });
}

function defaultOutDir(input: CurateInput): string {
  if (typeof input !== 'string') throw new DatasetError('curate: give options.out when curating records in memory');
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

/** The record as written to the files: its own fields, then the curation columns. */
export function toOutputRow(record: CurationRecord, withWeight: boolean): Record<string, unknown> {
  const row: Record<string, unknown> = { ...record.data, _id: record.id, _decision: record.decision, _reasons: record.reasons, _signals: record.signals };
  if (Object.keys(record.details).length) row._judgements = record.details;
  if (withWeight) row._weight = record.weight ?? null;
  return row;
}

async function writeOutputs(
  out: string,
  records: CurationRecord[],
  clusters: Record<string, ClusterReport[]>,
  summary: CurationSummary,
  withWeight: boolean,
): Promise<string[]> {
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
