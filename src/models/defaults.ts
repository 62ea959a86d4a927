/**
 * The model layer's defaults, in one place so the engines, the retry wrapper, the recipe docs and
 * every caller of generateStructured agree. Two kinds of "asking again" are kept apart:
 * - transport retries (`max_retries` in a model's config): the same request sent again after a
 *   429, a 5xx, a timeout or a dropped connection (retry.ts);
 * - content repairs (`max_repairs` in a recipe, curate or evaluate config): a new request that
 *   shows the model its unusable reply and why it failed (generate-structured.ts).
 */

/** Content repairs after the first reply. Two fixes most schema slips without tripling a bad prompt's cost. */
export const DEFAULT_MAX_REPAIRS = 2;

/**
 * Transport retries after the first call. The official SDKs use 2, but a batch job would rather
 * wait than lose a record to a passing overload.
 */
export const DEFAULT_MAX_RETRIES = 5;

/** First backoff ceiling in ms (as the OpenAI and Anthropic SDKs). */
export const DEFAULT_BACKOFF_BASE_MS = 500;

/** Largest backoff ceiling in ms (as the OpenAI and Anthropic SDKs). */
export const DEFAULT_BACKOFF_CAP_MS = 8_000;

/** Largest Retry-After honoured, in ms (the bound the OpenAI SDK applies), so a wild header cannot park a batch. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/**
 * Per-call time limit in ms, covering connect, send and the whole reply: 10 minutes, the default of
 * the official OpenAI and Anthropic SDKs (long generations are slow).
 */
export const DEFAULT_TIMEOUT_MS = 600_000;

/** Calls in flight at once per remote model when its config sets no `concurrency`. */
export const DEFAULT_REMOTE_CONCURRENCY = 4;

/** Most connections open at once per origin; further calls queue in the pool. */
export const DEFAULT_MAX_SOCKETS = 256;
