/**
 * The engine: runs a planned recipe record by record, many records at once, committing each
 * finished LLM cell and record to the run directory, and writing the dataset files at the end.
 *
 * Every sampled value is drawn from a stream seeded by (recipe seed, record index, column), so a
 * record's attributes do not depend on scheduling, and a resumed run recomputes the same ones.
 */
import { SynthkitError } from '../core/synthkit-error.js';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadRecipeFile, planRecipeObject } from '../recipe/load-recipe.js';
import { modelOf, type Recipe, type RecipeInput } from '../recipe/schema.js';
import type { Plan } from '../recipe/plan-recipe.js';
import { createEngines } from '../models/create-engines.js';
import { ModelRunner, type Price } from '../models/model-runner.js';
import { RunStore } from '../store/run-store.js';
import { SharedCallCache } from '../store/shared-cache.js';
import { writeFileAtomic } from '../core/write-atomic.js';
import { fillRecord, type RecordContext } from './fill-record.js';
import { expandTopicTree, type TopicTree } from './expand-topic-tree.js';
import { closeKnowledgeBases, openKnowledgeBases, type OpenedKnowledgeBase } from './open-knowledge-bases.js';
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

export class RunDirError extends SynthkitError {
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
    const done = store.doneIndexes();
    // Records cut off by a stop (and the run-level calls of topic trees, at index -1) may hold
    // replies already paid for.
    const partial = store.partialIndexes();
    runner = new ModelRunner(engines, store, sharedCache, prices, store.storedReplies(partial));
    const modelsReadyAt = performance.now();

    const target = recipe.records;
    const untilValid = recipe.generation?.until_valid ?? false;
    const maxRecords = untilValid ? (recipe.generation?.max_records ?? target * 3) : target;
    const concurrency = recipe.generation?.concurrency ?? defaultConcurrency(recipe, usedModels);
    const maxRepairs = recipe.generation?.max_repairs ?? DEFAULT_MAX_REPAIRS;

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

    const recordContext: RecordContext = { plan, store, target, topicTrees, kbs, fill: { runner, seed, maxRepairs, signal: options.signal, kbs } };
    let fatal: unknown;
    const processRecord = async (idx: number) => {
      const result = await fillRecord(idx, partial.has(idx), recordContext);
      if (!result) return;
      done.add(idx);
      progress.done++;
      if (result.record.valid) progress.valid++;
      progress.failedCells += result.failedCells;
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

export class RunInterruptedError extends SynthkitError {
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
