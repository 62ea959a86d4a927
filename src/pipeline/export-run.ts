/**
 * `synthkit export <run>`: reads a finished run (its curated records when it was curated, with
 * `_decision`, `_weight`, `_signals`; else its generated records), applies human review decisions
 * when the run database holds a `review_decisions` table (src/review: edits and labels set fields,
 * accept/reject override curation), and writes the training export (src/export/training). This
 * layer supplies what the export layer cannot import: curation's MinHash near-duplicate finder
 * and n-gram decontamination, and the run's provenance for the dataset card.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { readAllRecords } from '../store/read-dataset.js';
import { RUN_DB } from '../store/run-store.js';
import { RECIPE_FILE } from '../generate/generate.js';
import { nearDuplicateClusters } from '../curate/dedup/near-dedup.js';
import { contaminatedIndexes } from '../curate/dedup/decontaminate.js';
import { applyReview } from '../review/apply-review.js';
import { ReviewStore } from '../review/review-store.js';
import { exportTraining, type ExportManifest } from '../export/training/export-training.js';
import type { ExportConfig } from '../export/training/export-config.js';
import { ExportError } from '../export/training/export-error.js';
import type { CardProvenance } from '../export/training/dataset-card.js';
import { loadExportConfigFile, parseExportConfigObject } from '../export/training/load-export-config.js';

export const CURATED_ALL = join('curated', 'all.jsonl');
export const EXPORT_DIR = 'export';

export interface ExportRunOptions {
  /** The export config: a file, an object, or (default) the run's recipe `export:` section. */
  config?: string | ExportConfig;
  /** Overrides config.formats (the CLI's --format). */
  formats?: string[];
  /** Output directory (default config.out, else <run>/export). */
  out?: string;
}

/** The run's records as export sees them: curated when curated, review decisions applied. */
export async function readRunForExport(runDir: string): Promise<Record<string, unknown>[]> {
  const dir = resolve(runDir);
  const dbFile = join(dir, RUN_DB);
  if (!existsSync(dbFile)) throw new ExportError(`${runDir} is not a synthkit run directory (no ${RUN_DB})`);
  const curated = join(dir, CURATED_ALL);
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    let records: Record<string, unknown>[];
    if (existsSync(curated)) records = await readAllRecords(curated);
    else
      records = db
        .prepare<[], { idx: number; data: string; valid: number; errors: string }>('SELECT idx, data, valid, errors FROM records ORDER BY idx')
        .all()
        .map((r) => ({ _id: r.idx, ...JSON.parse(r.data), _valid: r.valid === 1, _errors: JSON.parse(r.errors) }));
    const hasReview = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'review_decisions'").get() !== undefined;
    if (!hasReview) return records;
    const standing = new ReviewStore(db).standing();
    return records.map((record) => {
      const decisions = standing.get(Number(record._id));
      return decisions ? applyReview(record, decisions) : record;
    });
  } finally {
    db.close();
  }
}

/** Benchmark texts: JSONL (each item's string values, or the given fields), a JSON array, or plain lines. */
export function readBenchmarkTexts(file: string, fields?: string[]): string[] {
  if (!existsSync(file)) throw new ExportError(`benchmark file not found: ${file}; fix decontaminate.benchmark`);
  const text = readFileSync(file, 'utf8');
  const strings = (item: unknown): string[] => {
    if (typeof item === 'string') return [item];
    if (item && typeof item === 'object') {
      const obj = item as Record<string, unknown>;
      const values = fields ? fields.map((f) => obj[f]) : Object.values(obj);
      return values.flatMap((v) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []));
    }
    return [];
  };
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return (JSON.parse(text) as unknown[]).flatMap(strings);
  if (ext === '.jsonl')
    return text
      .split('\n')
      .filter((l) => l.trim())
      .flatMap((line, i) => {
        try {
          return strings(JSON.parse(line));
        } catch {
          throw new ExportError(`${file}:${i + 1}: not a JSON line`);
        }
      });
  return text.split('\n').filter((l) => l.trim());
}

/** The run's recipe, curation summary and evaluation outcome, for the dataset card. */
export function runProvenance(runDir: string, generated: number): CardProvenance {
  const dir = resolve(runDir);
  const read = (file: string) => (existsSync(join(dir, file)) ? JSON.parse(readFileSync(join(dir, file), 'utf8')) : undefined);
  const recipe = read(RECIPE_FILE) ?? {};
  const curation = read(join('curated', 'summary.json'));
  const summary = read('summary.json');
  return {
    name: recipe.name,
    description: recipe.description,
    seed: recipe.seed,
    models: Object.entries((recipe.models ?? {}) as Record<string, { engine: string; model?: string; path?: string }>).map(([name, m]) => ({
      name,
      engine: m.engine,
      model: m.model ?? m.path ?? 'default local model',
    })),
    columns: ((recipe.columns ?? []) as { name: string; kind: string }[]).map((c) => ({ name: c.name, kind: c.kind })),
    generated,
    curation: curation?.stages?.map(
      (s: { name: string; stage: string; kept: number; dropped: number; flagged: number; reasons: { reason: string; count: number }[] }) => ({
        stage: s.name,
        kind: s.stage,
        kept: s.kept,
        dropped: s.dropped,
        flagged: s.flagged,
        reasons: s.reasons.map((r) => ({ reason: r.reason, count: r.count })),
      }),
    ),
    evaluation: summary?.evaluation ? { failedThresholds: summary.evaluation.failedThresholds ?? [], files: [] } : undefined,
  };
}

function configOf(runDir: string, options: ExportRunOptions): { config: ExportConfig; baseDir: string } {
  if (typeof options.config === 'string') return { config: loadExportConfigFile(options.config), baseDir: dirname(resolve(options.config)) };
  if (options.config) return { config: parseExportConfigObject(options.config), baseDir: process.cwd() };
  const recipeFile = join(resolve(runDir), RECIPE_FILE);
  const recipe = existsSync(recipeFile) ? JSON.parse(readFileSync(recipeFile, 'utf8')) : {};
  if (recipe.export) return { config: parseExportConfigObject(recipe.export, recipeFile, ['export']), baseDir: process.cwd() };
  if (options.formats?.length === 1 && options.formats[0] === 'raw') return { config: { formats: ['raw'] }, baseDir: process.cwd() };
  throw new ExportError(
    `${runDir}: give an export config (--with export.yaml) or add an export: section to the recipe; it names the formats and which fields are the user and assistant turns`,
  );
}

export async function exportRun(runDir: string, options: ExportRunOptions = {}): Promise<ExportManifest> {
  const { config: loaded, baseDir } = configOf(runDir, options);
  const config: ExportConfig = options.formats ? parseExportConfigObject({ ...loaded, formats: options.formats }) : loaded;
  const records = await readRunForExport(runDir);
  const out = resolve(options.out ?? (config.out ? resolve(baseDir, config.out) : join(resolve(runDir), EXPORT_DIR)));
  const benchmark = config.decontaminate ? resolve(baseDir, config.decontaminate.benchmark) : undefined;
  return exportTraining(records, config, out, runProvenance(runDir, records.length), {
    nearDuplicates: async (texts, threshold) => (await nearDuplicateClusters(texts, { threshold })).clusters,
    contaminated: (texts, bench, n) => [...contaminatedIndexes(texts, bench, { n }).keys()],
    benchmarkTexts: benchmark ? readBenchmarkTexts(benchmark, config.decontaminate?.fields) : undefined,
  });
}
