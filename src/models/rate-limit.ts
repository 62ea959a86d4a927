/**
 * Keeps calls to one provider within its limits: how many run at once (concurrency), requests
 * per minute (RPM) and tokens per minute (TPM).
 *
 * Algorithm: a FIFO queue in front of a counting semaphore and two token buckets. Each bucket
 * holds at most one minute's allowance and refills continuously at limit/60 s; this is the
 * algorithm Anthropic documents for its own limits ("continuously replenished up to your maximum
 * limit"), and it is O(1) per call with no timestamp log, which matters on a path of thousands of
 * calls a second. A call whose token estimate exceeds the bucket's size runs when the bucket is
 * full and leaves it in debt, so an oversized call waits rather than blocking the queue forever.
 *
 * Tokens are charged up front from an estimate and corrected with the real usage when the call
 * returns. A failed call keeps its estimate charged: providers count rejected calls too.
 *
 * Only the queue head is ever examined, so a large call is not overtaken by small ones (no
 * starvation) and the wait is one timer, not one per queued call.
 */
import { subscribeAbort } from './abort-fanout.js';
import type { ModelEngine, ModelRequest, ModelResponse } from './types.js';

export interface RateLimiterOptions {
  /** Calls running at once. */
  concurrency: number;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  /** Milliseconds on any monotonic clock; injected for tests. Default performance.now. */
  now?: () => number;
  /** Injected for tests. Default a setTimeout promise. */
  sleep?: (ms: number) => Promise<void>;
}

export interface RunOptions<T> {
  /** The tokens the call really used, read from its result, to correct the TPM budget. */
  actualTokens?: (result: T) => number;
  /** Leaves the queue (rejecting with the signal's reason) if it fires before the call starts. */
  signal?: AbortSignal;
}

export interface RateLimiter {
  run<T>(estimatedTokens: number, fn: () => Promise<T>, options?: RunOptions<T>): Promise<T>;
  /** Calls running now. */
  readonly active: number;
  /** Calls waiting in the queue. */
  readonly waiting: number;
  /** Calls allowed at once now (adaptive concurrency moves it; see adaptive-concurrency.ts). */
  readonly concurrency: number;
  /** Changes the calls allowed at once; calls already running finish, new ones wait for a slot. */
  setConcurrency(concurrency: number): void;
}

interface Waiter {
  tokens: number;
  start: () => void;
  cancelled: boolean;
}

/** A token bucket of `capacity` that refills at capacity per minute. */
class MinuteBucket {
  private level: number;
  private last: number;
  private readonly perMs: number;

  constructor(
    private readonly capacity: number,
    now: number,
  ) {
    this.level = capacity;
    this.last = now;
    this.perMs = capacity / 60_000;
  }

  /** Ms until `cost` can be taken (0 = now). Costs above capacity wait for a full bucket. */
  waitMs(cost: number, now: number): number {
    if (now > this.last) {
      this.level = Math.min(this.capacity, this.level + (now - this.last) * this.perMs);
      this.last = now;
    }
    const need = Math.min(cost, this.capacity);
    // The epsilon absorbs float error after waiting exactly the computed time.
    return this.level + 1e-9 >= need ? 0 : (need - this.level) / this.perMs;
  }

  /** Negative amounts charge, positive refund; the level may go negative (debt), never above capacity. */
  adjust(amount: number): void {
    this.level = Math.min(this.capacity, this.level + amount);
  }
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { requestsPerMinute, tokensPerMinute } = options;
  let concurrency = checkConcurrency(options.concurrency);
  for (const [name, value] of [
    ['requestsPerMinute', requestsPerMinute],
    ['tokensPerMinute', tokensPerMinute],
  ] as const) {
    if (value !== undefined && !(value > 0)) throw new RangeError(`rate limiter: ${name} must be > 0, got ${value}`);
  }
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const start = requestsPerMinute || tokensPerMinute ? now() : 0;
  const requestBucket = requestsPerMinute ? new MinuteBucket(requestsPerMinute, start) : undefined;
  const tokenBucket = tokensPerMinute ? new MinuteBucket(tokensPerMinute, start) : undefined;
  const limited = requestBucket !== undefined || tokenBucket !== undefined;

  // The queue is an array read from `head`, compacted when drained: O(1) push and shift.
  const queue: Waiter[] = [];
  let head = 0;
  let active = 0;
  let waking = false;

  function waitMs(tokens: number): number {
    if (!limited) return 0;
    const t = now();
    const forRequest = requestBucket ? requestBucket.waitMs(1, t) : 0;
    const forTokens = tokenBucket ? tokenBucket.waitMs(tokens, t) : 0;
    return forRequest > forTokens ? forRequest : forTokens;
  }

  function take(tokens: number): void {
    active++;
    requestBucket?.adjust(-1);
    tokenBucket?.adjust(-tokens);
  }

  function pump(): void {
    while (head < queue.length && active < concurrency) {
      const waiter = queue[head];
      if (waiter.cancelled) {
        head++;
        continue;
      }
      const wait = waitMs(waiter.tokens);
      if (wait > 0) {
        if (!waking) {
          waking = true;
          void sleep(Math.ceil(wait)).then(() => {
            waking = false;
            pump();
          });
        }
        break;
      }
      head++;
      take(waiter.tokens);
      waiter.start();
    }
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
    } else if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
  }

  async function execute<T>(tokens: number, fn: () => Promise<T>, actualTokens?: (result: T) => number): Promise<T> {
    try {
      const result = await fn();
      if (tokenBucket && actualTokens) {
        const actual = actualTokens(result);
        if (Number.isFinite(actual)) tokenBucket.adjust(tokens - actual);
      }
      return result;
    } finally {
      active--;
      pump();
    }
  }

  return {
    run<T>(estimatedTokens: number, fn: () => Promise<T>, runOptions?: RunOptions<T>): Promise<T> {
      const tokens = estimatedTokens > 0 ? estimatedTokens : 0;
      const signal = runOptions?.signal;
      if (signal?.aborted) return Promise.reject(signal.reason);
      // Fast path: nobody queued, a slot free, budget available.
      if (head === queue.length && active < concurrency && waitMs(tokens) === 0) {
        take(tokens);
        return execute(tokens, fn, runOptions?.actualTokens);
      }
      return new Promise<T>((resolve, reject) => {
        const waiter: Waiter = {
          tokens,
          cancelled: false,
          start: () => {
            unsubscribe?.();
            execute(tokens, fn, runOptions?.actualTokens).then(resolve, reject);
          },
        };
        // Through the fan-out: every queued call waits on the run's one signal, and one listener
        // per call warned (MaxListenersExceededWarning) once more than 10 were queued.
        const unsubscribe = signal
          ? subscribeAbort(signal, () => {
              waiter.cancelled = true;
              reject(signal.reason);
              // The cancelled waiter may have been the head everyone else was waiting behind.
              pump();
            })
          : undefined;
        queue.push(waiter);
        pump();
      });
    },
    get active() {
      return active;
    },
    get waiting() {
      let count = 0;
      for (let i = head; i < queue.length; i++) if (!queue[i].cancelled) count++;
      return count;
    },
    get concurrency() {
      return concurrency;
    },
    setConcurrency(value: number) {
      concurrency = checkConcurrency(value);
      pump();
    },
  };
}

function checkConcurrency(concurrency: number): number {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`rate limiter: concurrency must be a whole number >= 1, got ${concurrency}`);
  return concurrency;
}

export interface RateLimitOptions {
  /** Output tokens assumed when a request sets no maxTokens. Default 1024. */
  defaultMaxTokens?: number;
}

/**
 * Runs every call of `engine` through `limiter`. Tokens are estimated as in OpenAI's own rate
 * limiter: about 4 characters a token for the prompt, plus max_tokens for the answer; the real
 * usage corrects the budget afterwards. Several engines may share one limiter when they share a
 * provider account.
 */
export function withRateLimit(engine: ModelEngine, limiter: RateLimiter, options: RateLimitOptions = {}): ModelEngine {
  const defaultMaxTokens = options.defaultMaxTokens ?? 1024;
  const actualTokens = (response: ModelResponse) => response.usage.inputTokens + response.usage.outputTokens;
  // Schemas are reused across thousands of calls: measure each once.
  const schemaChars = new WeakMap<object, number>();

  function estimateTokens(request: ModelRequest): number {
    let chars = 0;
    for (const message of request.messages) chars += message.content.length;
    if (request.schema) {
      let size = schemaChars.get(request.schema);
      if (size === undefined) schemaChars.set(request.schema, (size = JSON.stringify(request.schema).length));
      chars += size;
    }
    return Math.ceil(chars / 4) + (request.maxTokens ?? defaultMaxTokens);
  }

  return {
    id: engine.id,
    generate(request: ModelRequest): Promise<ModelResponse> {
      return limiter.run(estimateTokens(request), () => engine.generate(request), { actualTokens, signal: request.signal });
    },
    close: engine.close ? () => engine.close!() : undefined,
  };
}
