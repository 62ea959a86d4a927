/**
 * Batch engines for a recipe's OpenAI and Anthropic models (the providers with batch APIs). Local
 * and other OpenAI-compatible models have none and stay interactive. Keys come from the
 * environment only, as for interactive engines.
 */
import { withDefaults } from '../create-engines.js';
import type { ModelConfig } from '../model-config.js';
import { OPENAI_DEFAULT_BASE_URL } from '../openai-engine.js';
import { ANTHROPIC_DEFAULT_BASE_URL } from '../anthropic-engine.js';
import { ModelSetupError, type ModelEngine } from '../types.js';
import type { BatchLedger } from './batch-client.js';
import { createBatchEngine } from './batch-engine.js';
import { createOpenAIBatchClient } from './openai-batch-client.js';
import { createAnthropicBatchClient } from './anthropic-batch-client.js';

/** The price of a batch call relative to an interactive one (OpenAI and Anthropic both take half). */
export const BATCH_PRICE_FACTOR = 0.5;

export interface BatchSettings {
  maxBatchSize?: number;
  pollMs?: number;
  idleMs?: number;
}

export function supportsBatch(config: ModelConfig): boolean {
  return config.engine === 'openai' || config.engine === 'anthropic';
}

export function createBatchEngines(
  models: Record<string, ModelConfig>,
  names: Iterable<string>,
  ledger: BatchLedger,
  settings: BatchSettings = {},
): Map<string, ModelEngine> {
  const engines = new Map<string, ModelEngine>();
  for (const name of names) {
    const config = models[name];
    if (config.engine !== 'openai' && config.engine !== 'anthropic') continue;
    const keyEnv = config.api_key_env ?? (config.engine === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY');
    const apiKey = process.env[keyEnv];
    if (!apiKey) throw new ModelSetupError(`model '${name}' needs an API key: set the environment variable ${keyEnv} (keys are never read from the recipe)`);
    const openai = config.engine === 'openai';
    const baseURL = (config.base_url ?? (openai ? OPENAI_DEFAULT_BASE_URL : ANTHROPIC_DEFAULT_BASE_URL)).replace(/\/+$/, '');
    const client = openai
      ? createOpenAIBatchClient({ modelName: config.model, baseURL, apiKey })
      : createAnthropicBatchClient({ modelName: config.model, baseURL, apiKey });
    // The same identity as the interactive engine's: a batch reply is the same reply, so the
    // shared cache serves either mode.
    const engine = createBatchEngine({ id: `${config.engine}:${config.model}@${baseURL}`, model: name, client, ledger, ...settings });
    engines.set(name, withDefaults(engine, { temperature: config.temperature, maxTokens: config.max_tokens, topP: config.top_p }));
  }
  return engines;
}
