/**
 * The engine: runs a planned recipe record by record, many records at once, committing each
 * finished LLM cell and record to the run directory, and writing the dataset files at the end.
 *
 * Every sampled value is drawn from a stream seeded by (recipe seed, record index, column), so a
 * record's attributes do not depend on scheduling, and a resumed run recomputes the same ones.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadRecipeFile, planRecipeObject } from '../recipe/load-recipe.js';
import { isLlmColumn, modelOf, type Recipe, type RecipeInput } from '../recipe/schema.js';
import type { Plan } from '../recipe/plan-recipe.js';
import { createEngines } from '../models/create-engines.js';
import { ModelRunner, type Price } from '../models/model-runner.js';
import { RunStore, type CellRow } from '../store/run-store.js';
import { SharedCallCache } from '../store/shared-cache.js';
import { createRng, deriveSeed } from '../samplers/rng.js';
import { TemplateError } from '../prompting/template.js';
import { writeFileAtomic } from '../export/write-atomic.js';
import { fillLlmCell } from './fill-llm-cell.js';
import { fillConversation } from './fill-conversation.js';
import { expandTopicTree, type TopicTree } from './expand-topic-tree.js';
import { closeKnowledgeBases, openKnowledgeBases, type OpenedKnowledgeBase } from './open-knowledge-bases.js';
import { sampleColumn } from './sample-column.js';
import { exportRun } from './export-run.js';
import { curate } from '../curate/run-curation.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { GenerateEvent, RunProgress, RunSummary } from './events.js';

export interface GenerateOptions {
  /** The run directory. */
  out: string;
  /** Overrides the recipe's record count. */
  records?: number;
  /** Runs every local model of the recipe on this GGUF file. */
  localModel?: string;
  /** Overrides the recipe's `cache` setting for the shared cross-run cache. */
  cache?: boolean;
  cacheDir?: string;
  signal?: AbortSignal;
  onEvent?: (event: GenerateEvent) => void;
}

export const RECIPE_FILE = 'recipe.json';
const DEFAULT_MAX_REPAIRS = 2;

export class RunDirError extends Error {
  override readonly name = 'RunDirError';
}

/** Generates a dataset from a recipe file path, a recipe object, or a plan. */
export async function generate(recipe: string | RecipeInput | Plan, options: GenerateOptions): Promise<RunSummary> {
  const plan = typeof recipe === 'string' ? loadRecipeFile(recipe) : 'columns' in recipe && 'seed' in recipe && 'recipe' in recipe ? (recipe as Plan) : planRecipeObject(recipe);
  const resolved = applyOverrides(plan.recipe, options);
  const dir = resolve(options.out);
  const recipePath = join(dir, RECIPE_FILE);
  const text = JSON.stringify(resolved, null, 2);
  if (existsSync(recipePath) && readFileSync(recipePath, 'utf8') !== text) {
    throw new RunDirError(`${dir} already holds a run of a different recipe; choose another --out, or continue that run with: synthkit resume ${dir}`);
  }
  const store = new RunStore(dir);
  if (!existsSync(recipePath)) await writeFileAtomic(recipePath, text);
  return runPlan(planRecipeObject(resolved, recipePath), store, options);
}

/** Finishes a stopped run from its directory. */
export async function resume(runDir: string, options: Omit<GenerateOptions, 'out' | 'records' | 'localModel'> = {}): Promise<RunSummary> {
  const dir = resolve(runDir);
  const recipePath = join(dir, RECIPE_FILE);
  if (!existsSync(recipePath)) throw new RunDirError(`${dir} is not a synthkit run directory (no ${RECIPE_FILE})`);
  const plan = planRecipeObject(JSON.parse(readFileSync(recipePath, 'utf8')), recipePath);
  return runPlan(plan, new RunStore(dir), { ...options, out: dir });
}

function applyOverrides(recipe: Recipe, options: GenerateOptions): Recipe {
  const models = Object.fromEntries(
    Object.entries(recipe.models).map(([name, model]) => [name, model.engine === 'local' && options.localModel ? { ...model, path: resolve(options.localModel) } : model]),
  );
  return { ...recipe, records: options.records ?? recipe.records, models, cache: options.cache ?? recipe.cache };
}

async function runPlan(plan: Plan, store: RunStore, options: GenerateOptions): Promise<RunSummary> {
  const started = performance.now();
  const { recipe, seed } = plan;
  const emit = options.onEvent ?? (() => {});
  const sharedCache = recipe.cache === false ? undefined : new SharedCallCache(options.cacheDir);
  const usedModels = new Set(plan.columns.flatMap((p) => modelOf(p.column) ?? []));
  let runner: ModelRunner | undefined;
  let kbs = new Map<string, OpenedKnowledgeBase>();
  try {
    const engines = await createEngines(recipe, usedModels, (name, progress) => emit({ type: 'download', model: name, ...progress }));
    const prices = new Map<string, Price>(Object.entries(recipe.models).flatMap(([n, m]) => (m.price ? [[n, m.price]] : [])));
    runner = new ModelRunner(engines, store, sharedCache, prices);
    const modelsReadyAt = performance.now();

    const target = recipe.records;
    const untilValid = recipe.generation?.until_valid ?? false;
    const maxRecords = untilValid ? (recipe.generation?.max_records ?? target * 3) : target;
    const concurrency = recipe.generation?.concurrency ?? defaultConcurrency(recipe, usedModels);
    const maxRepairs = recipe.generation?.max_repairs ?? DEFAULT_MAX_REPAIRS;

    const done = store.doneIndexes();
    const partial = store.partialIndexes();
    const progress = initialProgress(store, target, runner);
    emit({ type: 'progress', progress: { ...progress } });

    kbs = await openKnowledgeBases(plan, store.dir);
    // Topic trees are expanded once, before any record needs a leaf.
    const topicTrees = new Map<string, TopicTree>();
    for (const planned of plan.columns) {
      if (planned.column.kind !== 'topic-tree') continue;
      const tree = await expandTopicTree(planned.column, runner, seed, options.signal);
      topicTrees.set(planned.column.name, tree);
      await writeFileAtomic(join(store.dir, `topic-tree-${planned.column.name}.json`), JSON.stringify(tree, null, 2));
    }

    let fatal: unknown;
    const processRecord = async (idx: number) => {
      const scope: Record<string, unknown> = {};
      const finished = partial.has(idx) ? store.cellsOf(idx) : new Map<string, CellRow>();
      const errors: string[] = [];
      // Per-cell facts kept on the record beside the values: token log-probabilities, the
      // few-shot examples shown, and reasoning kept apart from the answer.
      const extras: Record<'_logprobs' | '_few_shot' | '_reasoning' | '_sources', Record<string, unknown>> = { _logprobs: {}, _few_shot: {}, _reasoning: {}, _sources: {} };
      const fillOptions = { runner: runner!, seed, maxRepairs, signal: options.signal, resumed: partial.has(idx), kbs };
      for (const planned of plan.columns) {
        const column = planned.column;
        try {
          if (!isLlmColumn(column)) {
            const rng = createRng(deriveSeed(seed, idx, column.name));
            const value = sampleColumn(planned, { idx, total: target, rng, scope, topicTrees, kbs, seed });
            scope[column.name] = value;
            if (column.kind === 'document-chunk' || column.kind === 'concepts') extras._sources[column.name] = (value as { sources: unknown }).sources;
            continue;
          }
          let cell = finished.get(column.name);
          if (!cell) {
            cell = column.kind === 'llm-conversation' ? await fillConversation(planned, idx, scope, fillOptions) : await fillLlmCell(planned, idx, scope, fillOptions);
            if (options.signal?.aborted) return;
            store.queueCell(cell);
            if (!cell.ok) progress.failedCells++;
          }
          scope[column.name] = cell.value;
          if (cell.logprobs) extras._logprobs[column.name] = cell.logprobs;
          if (cell.fewShot) extras._few_shot[column.name] = cell.fewShot;
          if (cell.reasoning) extras._reasoning[column.name] = cell.reasoning;
          if (cell.sources) extras._sources[column.name] = cell.sources;
          if (!cell.ok) errors.push(`${column.name}: ${cell.error}`);
        } catch (error) {
          throw error instanceof TemplateError ? new TemplateError(`column '${column.name}', record ${idx}: ${error.message}`) : error;
        }
      }
      const data: Record<string, unknown> = { ...scope };
      for (const [key, value] of Object.entries(extras)) if (Object.keys(value).length) data[key] = value;
      const valid = errors.length === 0;
      store.queueRecord({ idx, data, valid, errors });
      done.add(idx);
      progress.done++;
      if (valid) progress.valid++;
      Object.assign(progress, runner!.totals());
      emit({ type: 'progress', progress: { ...progress } });
    };

    // Indexes below `target` first; in until-valid mode, more while the records done or in flight
    // cannot yet make `target` valid ones, up to the cap.
    let next = 0;
    let inFlight = 0;
    const takeIndex = (): number | undefined => {
      while (!fatal && !options.signal?.aborted) {
        const more = next < target || (untilValid && next < maxRecords && progress.valid + inFlight < target);
        if (!more) return undefined;
        const idx = next++;
        if (!done.has(idx)) return idx;
      }
      return undefined;
    };
    const worker = async () => {
      for (let idx = takeIndex(); idx !== undefined; idx = takeIndex()) {
        inFlight++;
        try {
          await processRecord(idx);
        } catch (error) {
          fatal ??= error;
        } finally {
          inFlight--;
        }
      }
    };
    // In until-valid mode workers stop while others' records may still fail; go again until settled.
    do {
      await Promise.all(Array.from({ length: concurrency }, worker));
    } while (untilValid && !fatal && !options.signal?.aborted && progress.valid < target && next < maxRecords);
    store.flush();
    const recordsDoneAt = performance.now();
    if (options.signal?.aborted) throw new RunInterruptedError(store.dir);
    if (fatal) throw fatal;

    const summary = await exportRun(store, plan, runner, { target, untilValid, startedAt: started, modelsReadyAt, recordsDoneAt });
    if (plan.curate) {
      summary.curation = await curate(store.dir, plan.curate, {
        out: join(store.dir, 'curated'),
        signal: options.signal,
        cache: recipe.cache,
        cacheDir: options.cacheDir,
      });
    }
    if (plan.evaluate) {
      const curated = join(store.dir, 'curated', 'curated.jsonl');
      const { metrics, files } = await evaluate(plan.curate ? curated : store.dir, plan.evaluate, {
        out: join(store.dir, 'evaluation'),
        signal: options.signal,
        cache: recipe.cache,
        cacheDir: options.cacheDir,
      });
      summary.evaluation = { files, failedThresholds: metrics.thresholds.filter((t) => !t.passed).map((t) => t.message) };
    }
    await writeFileAtomic(join(store.dir, 'summary.json'), JSON.stringify(summary, null, 2));
    emit({ type: 'done', summary });
    return summary;
  } finally {
    store.close();
    sharedCache?.close();
    await runner?.close();
    await closeKnowledgeBases(kbs);
  }
}

export class RunInterruptedError extends Error {
  override readonly name = 'RunInterruptedError';
  constructor(readonly dir: string) {
    super(`run stopped; finished records are saved. Continue with: synthkit resume ${dir}`);
  }
}

function defaultConcurrency(recipe: Recipe, usedModels: Set<string>): number {
  let sum = 0;
  for (const name of usedModels) sum += recipe.models[name].concurrency ?? (recipe.models[name].engine === 'local' ? 1 : 4);
  return Math.max(1, sum * 2);
}

function initialProgress(store: RunStore, target: number, runner: ModelRunner): RunProgress {
  const counts = store.counts();
  runner.seedTotals(store.usageByModel());
  return { target, done: counts.done, valid: counts.valid, failedCells: store.failedCellCount(), ...runner.totals() };
}
