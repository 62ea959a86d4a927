/**
 * `synthkit export`: a run's records, with curation decisions, weights and review edits applied,
 * as training files (one folder per format, one file per split, JSONL and nested Parquet), a
 * Hugging Face dataset card and a manifest; written atomically and deterministically.
 *
 * Which records go in: a reviewer's reject always leaves a record out and a reviewer's accept
 * always takes it in (a person overrides the machine); otherwise invalid and dropped records are
 * left out, and flagged ones too unless `include_flagged`. Every record left out is counted by
 * reason in the manifest and the card.
 *
 * Near-duplicate groups and benchmark contamination need curation's MinHash and n-gram code, which
 * sits above this layer: the caller passes them in (the pipeline's exportRun does).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { getPath } from '../../core/field-path.js';
import { nestedParquetBuffer, inferColumnTypes } from '../nested-parquet.js';
import type { ExportConfig } from './export-config.js';
import { ExportError } from './export-error.js';
import type { ExportFormat } from './export-format.js';
import { toChatExample, type ExportMapping } from './export-mapping.js';
import { EXPORT_FORMATS, exportFormatOf, RAW_FORMAT } from './format-registry.js';
import { hubFeatures } from './hub-features.js';
import { renderDatasetCard, type CardConfigEntry, type CardProvenance } from './dataset-card.js';
import { buildPreferencePairs } from './preference-pairs.js';
import { SPLIT_NAMES, splitExamples, type SplitName } from './split-examples.js';
import { writeFolderAtomic } from './write-folder-atomic.js';

export interface ExportHelpers {
  /** Index clusters of near-duplicate texts (MinHash + LSH). */
  nearDuplicates?: (texts: string[], threshold: number | undefined) => Promise<number[][]>;
  /** Indexes of texts sharing an n-gram with a benchmark text. */
  contaminated?: (texts: string[], benchmark: string[], n: number | undefined) => number[];
  /** The benchmark's texts (read by the caller, which knows where relative paths resolve). */
  benchmarkTexts?: string[];
  formats?: readonly ExportFormat[];
}

export interface ExportManifest {
  out: string;
  formats: { name: string; splits: { split: SplitName; jsonl: string; parquet: string; examples: number; sha256: string }[] }[];
  records: number;
  exported: number;
  excluded: Record<string, number>;
  contaminated: (string | number)[];
  preferenceSkipped?: Record<string, number>;
  split: Record<SplitName, number>;
  splitGroups?: number;
  files: string[];
}

export const MANIFEST_FILE = 'export.json';
export const CARD_FILE = 'README.md';

/** Why a record is left out, or undefined when it goes in. */
function exclusionOf(record: Record<string, unknown>, includeFlagged: boolean): string | undefined {
  const review = (record._review as { status?: string } | undefined)?.status;
  if (review === 'rejected') return 'review: rejected';
  if (review === 'accepted') return undefined;
  if (record._valid === false) return 'invalid record';
  if (record._decision === 'dropped') return 'curation: dropped';
  if (record._decision === 'flagged' && !includeFlagged) return 'curation: flagged, not reviewed';
  return undefined;
}

const idOf = (record: Record<string, unknown>, i: number): string | number =>
  typeof record._id === 'string' || typeof record._id === 'number' ? record._id : i;

/** The text a record contributes to training, for decontamination and default near-dup grouping. */
function trainingText(record: Record<string, unknown>, config: ExportConfig): string {
  const m: ExportMapping = config.mapping ?? {};
  const paths = [
    m.system,
    m.user,
    m.input,
    m.assistant,
    m.messages,
    ...(config.preference?.from === 'pairwise' ? [config.preference.field_a, config.preference.field_b] : []),
  ].filter((p): p is string => p !== undefined);
  const values = paths.length
    ? paths.map((p) => getPath(record, p))
    : Object.entries(record)
        .filter(([k]) => !k.startsWith('_'))
        .map(([, v]) => v);
  const parts: string[] = [];
  const collect = (v: unknown) => {
    if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  values.forEach(collect);
  return parts.join('\n');
}

export async function exportTraining(
  records: readonly Record<string, unknown>[],
  config: ExportConfig,
  out: string,
  provenance: CardProvenance,
  helpers: ExportHelpers = {},
): Promise<ExportManifest> {
  const registry = helpers.formats ?? EXPORT_FORMATS;
  const formats = config.formats.map((name) => (name === RAW_FORMAT ? RAW_FORMAT : exportFormatOf(name, registry)));
  if (formats.some((f) => f !== RAW_FORMAT && f.kind === 'preference') && !config.preference)
    throw new ExportError(
      `format ${config.formats.find((n) => n !== RAW_FORMAT && exportFormatOf(n, registry).kind === 'preference')} needs a preference: section (from: pairwise or from: scores)`,
    );
  if (formats.some((f) => f !== RAW_FORMAT) && !config.mapping)
    throw new ExportError(
      'training formats need a mapping: which fields are the user and assistant turns (mapping: { user: question, assistant: answer }) or a conversation (mapping: { messages: conversation })',
    );

  const excluded: Record<string, number> = {};
  const leaveOut = (reason: string) => {
    excluded[reason] = (excluded[reason] ?? 0) + 1;
  };
  const weightsMode = config.weights ?? 'native';
  let selected = records.filter((record) => {
    const reason =
      exclusionOf(record, config.include_flagged === true) ??
      (weightsMode === 'repeat' && typeof record._weight === 'number' && Math.round(record._weight) === 0
        ? 'weight rounds to 0 copies (weights: repeat)'
        : undefined);
    if (reason) leaveOut(reason);
    return !reason;
  });

  const contaminated: (string | number)[] = [];
  if (config.decontaminate) {
    if (!helpers.contaminated || !helpers.benchmarkTexts)
      throw new ExportError('decontamination needs the benchmark texts and a matcher (use exportRun from the pipeline, or pass helpers)');
    const hits = new Set(
      helpers.contaminated(
        selected.map((r) => trainingText(r, config)),
        helpers.benchmarkTexts,
        config.decontaminate.n,
      ),
    );
    selected = selected.filter((record, i) => {
      if (!hits.has(i)) return true;
      contaminated.push(idOf(record, i));
      leaveOut('contaminated: shares an n-gram with the benchmark');
      return false;
    });
  }

  let assignment: SplitName[] = selected.map(() => 'train');
  let splitGroups: number | undefined;
  if (config.split) {
    let clusters: number[][] = [];
    if (config.split.near_duplicates) {
      if (!helpers.nearDuplicates)
        throw new ExportError('split.near_duplicates needs a near-duplicate finder (use exportRun from the pipeline, or pass helpers.nearDuplicates)');
      const field = config.split.near_duplicates.field;
      const texts = selected.map((r) => (field ? String(getPath(r, field) ?? '') : trainingText(r, config)));
      clusters = await helpers.nearDuplicates(texts, config.split.near_duplicates.threshold);
    }
    // Replies scored against one prompt are paired within a split, so they must share one.
    const groupBy = [...(config.split.group_by ?? []), ...(config.preference?.from === 'scores' && config.mapping?.user ? [config.mapping.user] : [])];
    const result = splitExamples(selected, { ...config.split, group_by: groupBy }, clusters);
    assignment = result.assignment;
    splitGroups = result.groups;
  }
  const splits = SPLIT_NAMES.filter((s) => assignment.includes(s));
  if (selected.length === 0)
    throw new ExportError(
      `no record is left to export (${
        Object.entries(excluded)
          .map(([r, n]) => `${r}: ${n}`)
          .join(', ') || 'the run has no records'
      })`,
    );

  const weighted = selected.some((r) => typeof r._weight === 'number');
  const files = new Map<string, string | Uint8Array>();
  const manifestFormats: ExportManifest['formats'] = [];
  const cardConfigs: CardConfigEntry[] = [];
  let preferenceSkipped: Record<string, number> | undefined;

  for (const format of formats) {
    const name = format === RAW_FORMAT ? RAW_FORMAT : format.name;
    const entry: ExportManifest['formats'][number] = { name, splits: [] };
    const card: CardConfigEntry = {
      name,
      description: format === RAW_FORMAT ? 'every exported column as generated, with curation fields' : format.description,
      template: format === RAW_FORMAT ? undefined : format.template,
      features: [],
      splits: [],
    };
    const allRows: Record<string, unknown>[] = [];
    const perSplit = new Map<SplitName, Record<string, unknown>[]>();
    for (const split of splits) {
      const members = selected.map((record, i) => ({ record, i })).filter(({ i }) => assignment[i] === split);
      let rows: Record<string, unknown>[];
      if (format === RAW_FORMAT) rows = members.map(({ record }) => record);
      else if (format.kind === 'chat') {
        const options = { weightField: weightsMode === 'native' && weighted && format.weights !== 'none' };
        rows = [];
        for (const { record, i } of members) {
          const weight = typeof record._weight === 'number' ? record._weight : 1;
          const row = format.row(toChatExample(record, config.mapping!, idOf(record, i), weight), options);
          const copies = weightsMode === 'repeat' ? Math.round(weight) : 1;
          for (let c = 0; c < copies; c++) rows.push(row);
        }
      } else {
        const result = buildPreferencePairs(
          members.map(({ record, i }) => ({ id: idOf(record, i), record })),
          config.preference!,
          config.mapping!,
        );
        preferenceSkipped ??= {};
        for (const [reason, n] of Object.entries(result.skipped)) preferenceSkipped[reason] = (preferenceSkipped[reason] ?? 0) + n;
        rows = result.pairs.map((pair) => format.row(pair, { weightField: false }));
      }
      perSplit.set(split, rows);
      allRows.push(...rows);
    }
    if (allRows.length === 0)
      throw new ExportError(
        `format ${name} produced no examples (${JSON.stringify(preferenceSkipped ?? {})}); check the preference: section and the curation signals`,
      );
    // One schema for every split of a format, so the Hub sees one feature set per config.
    const types = inferColumnTypes(allRows);
    const columns = [...types.keys()];
    card.features = hubFeatures(types);
    for (const [split, rows] of perSplit) {
      const jsonl = rows.map((r) => `${JSON.stringify(r)}\n`).join('');
      const parquet = nestedParquetBuffer(rows, columns);
      const base = `${name}/${split}`;
      files.set(`${base}.jsonl`, jsonl);
      files.set(`${base}.parquet`, parquet);
      const sha256 = createHash('sha256').update(jsonl).digest('hex');
      entry.splits.push({ split, jsonl: `${base}.jsonl`, parquet: `${base}.parquet`, examples: rows.length, sha256 });
      card.splits.push({ split, path: `${base}.parquet`, examples: rows.length, bytes: parquet.byteLength });
    }
    manifestFormats.push(entry);
    cardConfigs.push(card);
  }

  const splitCounts: Record<SplitName, number> = { train: 0, validation: 0, test: 0 };
  for (const s of assignment) splitCounts[s]++;
  const readme = renderDatasetCard(config.card ?? {}, provenance, {
    configs: cardConfigs,
    exported: selected.length,
    excluded,
    contaminated: contaminated.length,
    benchmark: config.decontaminate?.benchmark,
    splitGroups,
    stratifiedBy: config.split?.stratify_by,
    preferenceSkipped,
  });
  files.set(CARD_FILE, readme);
  const manifest: ExportManifest = {
    out,
    formats: manifestFormats,
    records: records.length,
    exported: selected.length,
    excluded,
    contaminated,
    ...(preferenceSkipped ? { preferenceSkipped } : {}),
    split: splitCounts,
    ...(splitGroups !== undefined ? { splitGroups } : {}),
    files: [...files.keys(), MANIFEST_FILE].sort(),
  };
  // The manifest in the folder names files relative to it: no absolute path of this machine.
  files.set(MANIFEST_FILE, `${JSON.stringify({ ...manifest, out: '.' }, null, 1)}\n`);
  await writeFolderAtomic(out, files);
  return { ...manifest, files: manifest.files.map((f) => join(out, f)) };
}
