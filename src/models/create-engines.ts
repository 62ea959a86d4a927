/**
 * Builds the engines a recipe's columns use, each wrapped in its concurrency and rate limits and
 * (for remote engines) retries. API keys come from the environment only.
 */
import type { ModelConfig } from './model-config.js';
import { createAnthropicEngine } from './anthropic-engine.js';
import { resolveLocalModelPath, type DownloadProgress } from './default-model.js';
import { createLocalEngine } from './local-engine.js';
import { createOpenAIEngine } from './openai-engine.js';
import { createRateLimiter, withRateLimit } from './rate-limit.js';
import { withRetry } from './retry.js';
import { AdaptiveConcurrency, withAdaptiveConcurrency } from './adaptive-concurrency.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_REMOTE_CONCURRENCY, DEFAULT_TIMEOUT_MS } from './defaults.js';
import { ModelSetupError, type ModelEngine } from './types.js';

const DEFAULT_KEY_ENV = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY' } as const;

export async function createEngines(
  recipe: { models: Record<string, ModelConfig> },
  used: Set<string>,
  onDownload?: (model: string, progress: DownloadProgress) => void,
  /** Stops a model download at once (Ctrl-C). */
  signal?: AbortSignal,
  /** Filled with each remote model's adaptive concurrency, so progress can show its level. */
  levels?: Map<string, AdaptiveConcurrency>,
): Promise<Map<string, ModelEngine>> {
  const engines = new Map<string, ModelEngine>();
  try {
    for (const name of used) engines.set(name, await createEngine(name, recipe.models[name], onDownload, signal, levels));
  } catch (error) {
    await Promise.all([...engines.values()].map((e) => e.close?.()));
    throw error;
  }
  return engines;
}

async function createEngine(
  name: string,
  config: ModelConfig,
  onDownload?: (model: string, progress: DownloadProgress) => void,
  signal?: AbortSignal,
  levels?: Map<string, AdaptiveConcurrency>,
): Promise<ModelEngine> {
  const defaults = { temperature: config.temperature, maxTokens: config.max_tokens, topP: config.top_p };
  if (config.engine === 'local') {
    const modelPath = await resolveLocalModelPath(config.path, { onDownloadProgress: (p) => onDownload?.(name, p), signal });
    const engine = await createLocalEngine({
      modelPath,
      threads: config.threads,
      contextSize: config.context_size,
      gpu: config.gpu ?? false,
      concurrency: config.concurrency ?? 1,
      label: name,
      lora: config.lora,
    });
    return withDefaults(engine, defaults);
  }

  const keyEnv = config.api_key_env ?? (config.engine === 'openai-compatible' ? undefined : DEFAULT_KEY_ENV[config.engine]);
  const apiKey = keyEnv ? process.env[keyEnv] : undefined;
  if (keyEnv && !apiKey) {
    throw new ModelSetupError(`model '${name}' needs an API key: set the environment variable ${keyEnv} (keys are never read from the recipe)`);
  }
  const common = { modelName: config.model, label: name, apiKey, apiKeyEnvVar: keyEnv, timeoutMs: config.timeout_ms ?? DEFAULT_TIMEOUT_MS };
  const remote =
    config.engine === 'anthropic'
      ? createAnthropicEngine({ ...common, baseURL: config.base_url })
      : createOpenAIEngine({ ...common, baseURL: config.base_url });
  const concurrency = config.concurrency ?? DEFAULT_REMOTE_CONCURRENCY;
  const limiter = createRateLimiter({ concurrency, requestsPerMinute: config.requests_per_minute, tokensPerMinute: config.tokens_per_minute });
  // Adaptive concurrency sees every attempt (inside the retries), so a 429 backs it off at once.
  const adaptive = new AdaptiveConcurrency(limiter, { max: concurrency });
  levels?.set(name, adaptive);
  const engine = withRetry(withAdaptiveConcurrency(withRateLimit(remote, limiter), adaptive), { maxRetries: config.max_retries ?? DEFAULT_MAX_RETRIES });
  return withDefaults(engine, defaults);
}

/** Model-level sampling settings apply where the column does not set its own. */
export function withDefaults(engine: ModelEngine, defaults: { temperature?: number; maxTokens?: number; topP?: number }): ModelEngine {
  return {
    // The defaults change replies, so they are part of the identity the cache keys on.
    id: `${engine.id}|${JSON.stringify(defaults)}`,
    generate: (request) =>
      engine.generate({
        ...request,
        temperature: request.temperature ?? defaults.temperature,
        maxTokens: request.maxTokens ?? defaults.maxTokens,
        topP: request.topP ?? defaults.topP,
      }),
    close: () => engine.close?.() ?? Promise.resolve(),
  };
}
