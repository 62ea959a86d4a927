/**
 * Model access for the stages after generation (judges, relabelling, entailment checks): the
 * same engines, cache, retries and usage accounting as generation, keeping its calls in its own
 * database file in the given directory.
 */
import type { ModelConfig } from '../models/model-config.js';
import { RunStore } from './run-store.js';
import { SharedCallCache } from './shared-cache.js';
import { createEngines } from '../models/create-engines.js';
import { ModelRunner, type CallContext, type ModelCallResult, type Price } from '../models/model-runner.js';
import type { ModelRequest } from '../models/types.js';

export interface ModelSession {
  call(model: string, request: ModelRequest, context?: CallContext): Promise<ModelCallResult>;
  usage(): { model: string; calls: number; cachedCalls: number; inputTokens: number; outputTokens: number; cost?: number }[];
  close(): Promise<void>;
}

export interface OpenModelsOptions {
  /** Database file inside `dir` holding this stage's calls, e.g. "curate.sqlite". */
  file: string;
  cache?: boolean;
  cacheDir?: string;
  /** Runs every local model on this GGUF file. */
  localModel?: string;
}

export async function openModels(models: Record<string, ModelConfig>, dir: string, options: OpenModelsOptions): Promise<ModelSession> {
  const resolved = Object.fromEntries(
    Object.entries(models).map(([name, m]) => [name, m.engine === 'local' && options.localModel ? { ...m, path: options.localModel } : m]),
  );
  const store = new RunStore(dir, options.file);
  const shared = options.cache === false ? undefined : new SharedCallCache(options.cacheDir);
  try {
    const engines = await createEngines({ models: resolved }, new Set(Object.keys(resolved)));
    const prices = new Map<string, Price>(Object.entries(resolved).flatMap(([n, m]) => (m.price ? [[n, m.price]] : [])));
    // Every reply this stage's store already holds is reused: re-running a curation costs nothing.
    const runner = new ModelRunner(engines, store, shared, prices, store.storedReplies());
    return {
      call: (model, request, context = { idx: -1, column: '' }) => {
        if (!engines.has(model)) throw new Error(`unknown model '${model}' (known: ${[...engines.keys()].join(', ')})`);
        return runner.call(model, request, context);
      },
      usage: () => {
        // Calls are written in batches; count those still queued too.
        store.flush();
        return store.usageByModel().map((u) => ({ ...u, cost: runner.cost(u.model, u.inputTokens, u.outputTokens) }));
      },
      close: async () => {
        await runner.close();
        store.close();
        shared?.close();
      },
    };
  } catch (error) {
    store.close();
    shared?.close();
    throw error;
  }
}
