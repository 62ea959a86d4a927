/**
 * The engines a run calls, in the mode it runs in: interactive (each model's own engine, with
 * adaptive concurrency), batch (OpenAI and Anthropic models through their batch APIs, the others
 * interactive), or queue (every model call a job for workers). All modes wrap each engine in the
 * run's early stop on a high error rate. The ModelRunner above sees plain engines in every mode,
 * so the run store, cache, resume and repairs behave the same.
 */
import type { AdaptiveConcurrency } from '../models/adaptive-concurrency.js';
import { BATCH_PRICE_FACTOR, createBatchEngines, supportsBatch } from '../models/batch/create-batch-engines.js';
import { createEngines } from '../models/create-engines.js';
import type { DownloadProgress } from '../models/default-model.js';
import { ErrorRateMonitor, withErrorRateStop } from '../models/error-rate-stop.js';
import type { Price } from '../models/model-runner.js';
import type { ModelEngine } from '../models/types.js';
import type { Recipe } from '../recipe/schema.js';
import { BatchLedgerStore } from '../store/batch-ledger-store.js';
import { runIdentity } from '../store/run-identity.js';

export interface RunEngineOptions {
  batch?: boolean;
  /** redis://host:port of the queue workers take calls from. */
  queue?: string;
  queueName?: string;
  /** See CallQueueOptions.recheckMs. */
  queueRecheckMs?: number;
  given: Map<string, ModelEngine>;
  dir: string;
  onDownload?: (model: string, progress: DownloadProgress) => void;
  signal?: AbortSignal;
}

export interface RunEngines {
  engines: Map<string, ModelEngine>;
  /** Current adaptive concurrency per model (interactive remote models). */
  levels: Map<string, AdaptiveConcurrency>;
  /** Models whose calls go through a batch API (priced at the batch discount). */
  batched: Set<string>;
  /** Engine closing is the ModelRunner's; this closes what the mode opened (ledger, queue). */
  close(): Promise<void>;
}

export async function createRunEngines(recipe: Recipe, used: Set<string>, options: RunEngineOptions): Promise<RunEngines> {
  const levels = new Map<string, AdaptiveConcurrency>();
  const closers: (() => Promise<void> | void)[] = [];
  const engines = new Map(options.given);
  const rest = new Set([...used].filter((name) => !options.given.has(name)));
  const batched = new Set<string>();
  try {
    if (options.queue) {
      // Loaded only in queue mode: BullMQ and ioredis cost every other run memory and start-up time.
      const { openCallQueue } = await import('../models/queue/call-queue.js');
      const queue = await openCallQueue(options.queue, { name: options.queueName, recheckMs: options.queueRecheckMs, runId: runIdentity(options.dir) });
      closers.push(() => queue.close());
      for (const name of rest) engines.set(name, queue.engineFor(name, recipe.models[name]));
      rest.clear();
    } else if (options.batch ?? recipe.generation?.mode === 'batch') {
      const ledger = new BatchLedgerStore(options.dir);
      closers.push(() => ledger.close());
      const names = [...rest].filter((name) => supportsBatch(recipe.models[name]));
      const settings = recipe.generation;
      const built = createBatchEngines(recipe.models, names, ledger, {
        maxBatchSize: settings?.batch_size,
        pollMs: settings?.batch_poll_seconds === undefined ? undefined : settings.batch_poll_seconds * 1000,
        idleMs: settings?.batch_idle_seconds === undefined ? undefined : settings.batch_idle_seconds * 1000,
      });
      for (const [name, engine] of built) {
        engines.set(name, engine);
        batched.add(name);
        rest.delete(name);
      }
    }
    for (const [name, engine] of await createEngines(recipe, rest, options.onDownload, options.signal, levels)) engines.set(name, engine);
  } catch (error) {
    await Promise.all([...engines.entries()].filter(([n]) => !options.given.has(n)).map(([, e]) => e.close?.()));
    for (const close of closers) await close();
    throw error;
  }
  const monitor = new ErrorRateMonitor({
    window: recipe.generation?.stop_window,
    threshold: recipe.generation?.stop_error_rate,
    resumeHint: `synthkit resume ${options.dir}`,
  });
  for (const [name, engine] of engines) engines.set(name, withErrorRateStop(engine, monitor));
  return {
    engines,
    levels,
    batched,
    async close() {
      for (const close of closers) await close();
    },
  };
}

/** Batch calls cost BATCH_PRICE_FACTOR of the interactive price; the summary's cost shows it. */
export function discountBatched(prices: Map<string, Price>, batched: Set<string>): Map<string, Price> {
  const out = new Map(prices);
  for (const name of batched) {
    const p = prices.get(name);
    if (p) out.set(name, { input_per_million: p.input_per_million * BATCH_PRICE_FACTOR, output_per_million: p.output_per_million * BATCH_PRICE_FACTOR });
  }
  return out;
}

/** Current concurrency per model, for the progress display. */
export function concurrencyLevels(levels: Map<string, AdaptiveConcurrency>): Record<string, number> | undefined {
  if (!levels.size) return undefined;
  const out: Record<string, number> = {};
  for (const [name, control] of levels) out[name] = control.level;
  return out;
}
