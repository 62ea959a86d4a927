/**
 * Retries an engine's retryable failures (429, 5xx, timeouts, dropped connections).
 *
 * Delay before retry n (n = 0 for the first retry):
 * - the server sent Retry-After: wait exactly that long, capped at maxRetryAfterMs. The server
 *   knows when capacity returns; retrying earlier only earns another 429, and adding backoff on
 *   top would waste the time it granted. The cap (default 60 s, the bound the OpenAI SDK applies)
 *   keeps a wild header from parking a batch for an hour.
 * - otherwise "full jitter" exponential backoff: random() * min(maxDelayMs, baseDelayMs * 2^n),
 *   from AWS's "Exponential Backoff and Jitter" (Brooker, 2015), which spreads a crowd of failed
 *   callers evenly instead of sending them back in waves.
 *
 * Errors that are not retryable ModelCallErrors (bad request, bad key, ModelSetupError, the
 * caller's abort) pass straight through. The wrapper keeps the engine's id: retrying does not
 * change what a call returns, so it must not change the cache key.
 */
import { subscribeAbort } from './abort-fanout.js';
import { DEFAULT_BACKOFF_BASE_MS, DEFAULT_BACKOFF_CAP_MS, DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_AFTER_MS } from './defaults.js';
import { ModelCallError, type ModelEngine, type ModelRequest, type ModelResponse } from './types.js';

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  error: ModelCallError;
  engineId: string;
}

export interface RetryOptions {
  /** Retries after the first call. Default DEFAULT_MAX_RETRIES (5; defaults.ts says why). */
  maxRetries?: number;
  /** First backoff ceiling in ms. Default DEFAULT_BACKOFF_BASE_MS (500, as the OpenAI and Anthropic SDKs). */
  baseDelayMs?: number;
  /** Largest backoff ceiling in ms. Default DEFAULT_BACKOFF_CAP_MS (8,000, as the OpenAI and Anthropic SDKs). */
  maxDelayMs?: number;
  /** Largest Retry-After we honour, in ms. Default DEFAULT_MAX_RETRY_AFTER_MS (60,000). */
  maxRetryAfterMs?: number;
  onRetry?: (info: RetryInfo) => void;
  /** Injected for tests. Must reject with the signal's reason when it aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1); injected for tests. Default Math.random. */
  random?: () => number;
}

export function withRetry(engine: ModelEngine, options: RetryOptions = {}): ModelEngine {
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const onRetry = options.onRetry;

  return {
    id: engine.id,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      for (let attempt = 0; ; attempt++) {
        try {
          return await engine.generate(request);
        } catch (error) {
          if (!(error instanceof ModelCallError) || !error.retryable || request.signal?.aborted) throw error;
          if (attempt >= maxRetries) {
            if (attempt === 0) throw error;
            throw new ModelCallError(`${error.message} (gave up after ${attempt} ${attempt === 1 ? 'retry' : 'retries'})`, error.details);
          }
          const delayMs = retryDelayMs(error, attempt, options, random);
          onRetry?.({ attempt: attempt + 1, delayMs, error, engineId: engine.id });
          await sleep(delayMs, request.signal);
        }
      }
    },
    close: engine.close ? () => engine.close!() : undefined,
  };
}

/** The wait before retry number `retryIndex` (0-based), as described at the top of this file. */
export function retryDelayMs(
  error: ModelCallError,
  retryIndex: number,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs'> = {},
  random: () => number = Math.random,
): number {
  const retryAfterMs = error.details.retryAfterMs;
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
    return Math.min(retryAfterMs, options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS);
  }
  return backoffDelayMs(retryIndex, options, random);
}

/** Full-jitter exponential backoff: uniform in [0, min(maxDelayMs, baseDelayMs * 2^retryIndex)). */
export function backoffDelayMs(retryIndex: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'> = {}, random: () => number = Math.random): number {
  const base = options.baseDelayMs ?? DEFAULT_BACKOFF_BASE_MS;
  const max = options.maxDelayMs ?? DEFAULT_BACKOFF_CAP_MS;
  // 2 ** 1024 is Infinity, and min() handles it, so no overflow guard is needed.
  const ceiling = Math.min(max, base * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    // One listener per signal however many calls back off at once (no MaxListenersExceededWarning).
    const unsubscribe = signal
      ? subscribeAbort(signal, () => {
          clearTimeout(timer);
          reject(signal.reason);
        })
      : () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      resolve();
    }, ms);
  });
}
