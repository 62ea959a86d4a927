/**
 * The engine: runs a planned recipe record by record, many records at once, committing each
 * finished LLM cell and record to the run directory, and writing the dataset files at the end.
 *
 * Every sampled value is drawn from a stream seeded by (recipe seed, record index, column), so a
 * record's attributes do not depend on scheduling, and a resumed run recomputes the same ones.
 */
import { SynthkitError } from '../core/synthkit-error.js';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadRecipeFile, planRecipeObject } from '../recipe/load-recipe.js';
import type { Recipe, RecipeInput } from '../recipe/schema.js';
import type { Plan } from '../recipe/plan-recipe.js';
import { concurrencyLevels, createRunEngines, discountBatched, type RunEngines } from './run-engines.js';
import { ModelRunner, type Price } from '../models/model-runner.js';
import { RunStore } from '../store/run-store.js';
import { SharedCallCache } from '../store/shared-cache.js';
import { writeFileAtomic } from '../core/write-atomic.js';
import { fillRecord, type RecordContext } from './fill-record.js';
import { prepareColumns } from '../columns/prepare-columns.js';
import { closeKnowledgeBases, openKnowledgeBases, type OpenedKnowledgeBase } from '../columns/open-knowledge-bases.js';
import { exportRun } from './export-run.js';
import { lockRunDir } from '../store/run-lock.js';
import { DEFAULT_MAX_REPAIRS } from '../models/defaults.js';
import { quotePrice } from '../models/prices.js';
import type { ModelEngine } from '../models/types.js';
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
  /** Engines by model name, used instead of building them from the recipe (a library user's own, or a mock). */
  engines?: Record<string, ModelEngine>;
  /** Stops the run cleanly (resumable) before spending would pass this many dollars. Overrides the recipe's generation.max_cost. */
  maxCost?: number;
  /** Sends OpenAI and Anthropic calls through their batch APIs (as the recipe's generation.mode: batch). */
  batch?: boolean;
  /** Runs every model call as a job on this Redis queue (redis://host:port), for `synthkit worker`s to take. */
  queue?: string;
  queueName?: string;
  /** How often calls waiting on the queue are looked up (missed completions, jobs a restarted Redis lost), in ms; default 10,000. */
  queueRecheckMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: GenerateEvent) => void;
}

/** What may change between a run and its resume without making it another recipe's run. */
type Overrides = Pick<GenerateOptions, 'records' | 'localModel' | 'maxCost' | 'batch'>;

/** The resolved recipe (overrides applied), for people and tools to read. */
export const RECIPE_FILE = 'recipe.json';
/** The recipe as written, in the run database: the run's identity and what resume plans from. */
const RECIPE_META = 'recipe';
const OVERRIDES_META = 'overrides';
/** Output tokens assumed for a budget reservation when neither the column nor the model sets max_tokens. */
const BUDGET_DEFAULT_MAX_TOKENS = 4096;
/** The call size at which tiered bundled prices are read. */
const TYPICAL_CALL = { inputTokens: 1000, outputTokens: 500 };

export class RunDirError extends SynthkitError {}

/**
 * Generates a dataset's records from a recipe file path, a recipe object, or a plan, into a run
 * directory (the recipe's curate: and evaluate: sections are run by the pipeline, not here).
 */
export async function generateRecords(recipe: string | RecipeInput | Plan, options: GenerateOptions): Promise<RunSummary> {
  const plan = typeof recipe === 'string' ? loadRecipeFile(recipe) : isPlan(recipe) ? recipe : planRecipeObject(recipe);
  const dir = resolve(options.out);
  // The recipe as written is the run's identity; overrides (record count, model file, budget) are
  // kept apart, so a first run that failed for want of a model can be run again with --local-model.
  const text = JSON.stringify(plan.recipe, null, 2);
  return withRunDir(dir, async (store) => {
    const stored = storedRecipe(store);
    if (stored !== undefined && !sameRecipe(stored, text)) {
      throw new RunDirError(`${dir} already holds a run of a different recipe; choose another --out, or continue that run with: synthkit resume ${dir}`);
    }
    store.setMeta(RECIPE_META, text);
    return runPlan(plan, store, mergeOverrides(store, options), options);
  });
}

/** Finishes a stopped run from its directory; overrides given here replace the ones it ran with. */
export async function resumeRecords(runDir: string, options: Omit<GenerateOptions, 'out'> = {}): Promise<RunSummary> {
  const dir = resolve(runDir);
  const recipePath = join(dir, RECIPE_FILE);
  if (!existsSync(recipePath)) throw new RunDirError(`${dir} is not a synthkit run directory (no ${RECIPE_FILE})`);
  return withRunDir(dir, (store) => {
    const plan = planRecipeObject(JSON.parse(storedRecipe(store)!), recipePath);
    return runPlan(plan, store, mergeOverrides(store, options), { ...options, out: dir });
  });
}

/** The recipe as written (run directories made before it was kept in the database hold it in recipe.json). */
function storedRecipe(store: RunStore): string | undefined {
  const file = join(store.dir, RECIPE_FILE);
  return store.getMeta(RECIPE_META) ?? (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
}

function isPlan(value: RecipeInput | Plan): value is Plan {
  return 'columns' in value && 'seed' in value && 'recipe' in value;
}

/**
 * Whether a stored recipe is this one. The cache setting is not part of a run's identity, and run
 * directories written before overrides were kept apart hold --local-model's path in the recipe.
 */
function sameRecipe(stored: string, text: string): boolean {
  if (stored === text) return true;
  const strip = (r: Recipe) => ({
    ...r,
    cache: undefined,
    models: Object.fromEntries(Object.entries(r.models).map(([n, m]) => [n, m.engine === 'local' ? { ...m, path: undefined } : m])),
  });
  return JSON.stringify(strip(JSON.parse(stored))) === JSON.stringify(strip(JSON.parse(text)));
}

/** Locks the directory for this process and opens its store for the duration of `body`. */
async function withRunDir<T>(dir: string, body: (store: RunStore) => Promise<T>): Promise<T> {
  mkdirSync(dir, { recursive: true });
  const unlock = lockRunDir(dir);
  const store = new RunStore(dir);
  try {
    return await body(store);
  } finally {
    store.close();
    unlock();
  }
}

/** This call's overrides over the ones the run was started with, stored for the next resume. */
function mergeOverrides(store: RunStore, options: Overrides): Overrides {
  const stored: Overrides = JSON.parse(store.getMeta(OVERRIDES_META) ?? '{}');
  const merged: Overrides = {
    records: options.records ?? stored.records,
    localModel: options.localModel ? resolve(options.localModel) : stored.localModel,
    maxCost: options.maxCost ?? stored.maxCost,
    // A run started with --batch resumes in batch mode, so it reattaches to its batches.
    batch: options.batch ?? stored.batch,
  };
  store.setMeta(OVERRIDES_META, JSON.stringify(merged));
  return merged;
}

function applyOverrides(recipe: Recipe, overrides: Overrides, cache: boolean | undefined): Recipe {
  const models = Object.fromEntries(
    Object.entries(recipe.models).map(([name, model]) => [
      name,
      model.engine === 'local' && overrides.localModel ? { ...model, path: overrides.localModel } : model,
    ]),
  );
  return { ...recipe, records: overrides.records ?? recipe.records, models, cache: cache ?? recipe.cache };
}

async function runPlan(given: Plan, store: RunStore, overrides: Overrides, options: GenerateOptions): Promise<RunSummary> {
  const started = performance.now();
  const plan = { ...given, recipe: applyOverrides(given.recipe, overrides, options.cache) };
  const { recipe, seed } = plan;
  await writeFileAtomic(join(store.dir, RECIPE_FILE), JSON.stringify(recipe, null, 2));
  const emit = options.onEvent ?? (() => {});
  const sharedCache = recipe.cache === false ? undefined : new SharedCallCache(options.cacheDir);
  const usedModels = new Set(plan.columns.flatMap((p) => plan.kinds.modelsOf(p.column)));
  let runner: ModelRunner | undefined;
  let modes: RunEngines | undefined;
  let kbs = new Map<string, OpenedKnowledgeBase>();
  try {
    // A library user's own engines stand in for the recipe's models of the same name.
    const given = new Map(Object.entries(options.engines ?? {}).filter(([name]) => usedModels.has(name)));
    modes = await createRunEngines(recipe, usedModels, {
      batch: overrides.batch,
      queue: options.queue,
      queueName: options.queueName,
      queueRecheckMs: options.queueRecheckMs,
      given,
      dir: store.dir,
      onDownload: (name, progress) => emit({ type: 'download', model: name, ...progress }),
      signal: options.signal,
    });
    const { engines } = modes;
    const prices = discountBatched(runPrices(recipe, usedModels), modes.batched);
    // Finished records with a failed cell are done again: their failed cells are retried.
    const retry = store.recordsWithFailedCells();
    const done = new AscendingIndexes(store.finishedIndexes());
    // Records cut off by a stop (and the run-level calls of topic trees, at index -1) may hold
    // replies already paid for.
    const partial = new Set([...store.partialIndexes(), ...retry]);
    runner = new ModelRunner(engines, store, sharedCache, prices, store.storedReplies(partial));
    const maxCost = overrides.maxCost ?? recipe.generation?.max_cost;
    if (maxCost !== undefined) {
      const unpriced = [...usedModels].filter((name) => recipe.models[name].engine !== 'local' && !prices.has(name));
      if (unpriced.length) {
        throw new RunDirError(
          `max_cost needs a price for ${unpriced.map((n) => `'${n}'`).join(', ')}: set models.<name>.price { input_per_million, output_per_million } (no bundled price matched)`,
        );
      }
      runner.setBudget({ maxCost, maxOutputTokens: (model) => recipe.models[model]?.max_tokens ?? BUDGET_DEFAULT_MAX_TOKENS });
    }
    const modelsReadyAt = performance.now();

    const target = recipe.records;
    const untilValid = recipe.generation?.until_valid ?? false;
    const maxRecords = untilValid ? (recipe.generation?.max_records ?? target * 3) : target;
    const concurrency =
      recipe.generation?.concurrency ?? (modes.batched.size ? (recipe.generation?.batch_size ?? 1000) : defaultConcurrency(recipe, usedModels));
    const maxRepairs = recipe.generation?.max_repairs ?? DEFAULT_MAX_REPAIRS;

    const progress = initialProgress(store, target, runner);
    emit({ type: 'progress', progress: { ...progress } });

    kbs = await openKnowledgeBases(plan, store.dir);
    // Once-per-run work (topic-tree expansion, samplers sized to this run) before any record needs it.
    const prepared = await prepareColumns(plan, { runner, seed, records: target, dir: store.dir, kbs, maxRepairs, signal: options.signal });
    const recordContext: RecordContext = {
      plan,
      store,
      target,
      run: { runner, seed, maxRepairs, signal: options.signal, kbs, prepared, safety: recipe.safety, untrusted: plan.untrusted },
    };
    let fatal: unknown;
    const processRecord = async (idx: number) => {
      const result = await fillRecord(idx, partial.has(idx), recordContext);
      if (!result) return;
      // Not added to `done`: indexes are handed out in increasing order, so this one is never asked
      // about again, and a 1M-record run keeps no per-record state in memory once it is committed.
      progress.done++;
      if (result.record.valid) progress.valid++;
      progress.failedCells += result.failedCells;
      Object.assign(progress, runner!.totals());
      progress.concurrency = concurrencyLevels(modes!.levels);
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
        if (!done.hasNext(idx)) return idx;
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
    summary.failures = store.failuresByColumn();
    await writeFileAtomic(join(store.dir, 'summary.json'), JSON.stringify(summary, null, 2));
    emit({ type: 'done', summary });
    return summary;
  } finally {
    store.close();
    sharedCache?.close();
    await runner?.close();
    await modes?.close();
    await closeKnowledgeBases(kbs);
  }
}

export class RunInterruptedError extends SynthkitError {
  constructor(readonly dir: string) {
    super(`run stopped; finished records are saved. Continue with: synthkit resume ${dir}`);
  }
}

/**
 * Prices per model: the recipe's own `price:`, else the bundled price data for a provider's model
 * (priced at a typical call), so costs show without the user looking them up. Local models have
 * no per-token price.
 */
function runPrices(recipe: Recipe, usedModels: Set<string>): Map<string, Price> {
  const prices = new Map<string, Price>();
  for (const name of usedModels) {
    const config = recipe.models[name];
    const quote = config.engine === 'local' && !config.price ? undefined : quotePrice(config, TYPICAL_CALL);
    if (quote) prices.set(name, { input_per_million: quote.inputPerMillion, output_per_million: quote.outputPerMillion });
  }
  return prices;
}

function defaultConcurrency(recipe: Recipe, usedModels: Set<string>): number {
  let sum = 0;
  for (const name of usedModels) sum += recipe.models[name].concurrency ?? (recipe.models[name].engine === 'local' ? 1 : 4);
  return Math.max(1, sum * 2);
}

function initialProgress(store: RunStore, target: number, runner: ModelRunner): RunProgress {
  runner.seedTotals(store.usageByModel());
  return { target, ...store.finishedCounts(), failedCells: 0, ...runner.totals() };
}

/**
 * Membership in a sorted index list for callers that ask in increasing order (the record loop
 * hands out indexes that way): a cursor moves forward, so each check is amortised O(1) with no Set.
 */
class AscendingIndexes {
  private at = 0;
  constructor(private readonly sorted: Int32Array) {}

  hasNext(idx: number): boolean {
    while (this.at < this.sorted.length && this.sorted[this.at] < idx) this.at++;
    return this.at < this.sorted.length && this.sorted[this.at] === idx;
  }
}
