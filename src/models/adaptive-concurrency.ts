/**
 * Adaptive concurrency per model (AIMD, as TCP congestion control): the calls a model may run at
 * once grow while calls succeed and halve when the provider says it is overloaded (429, 503, 529,
 * or a timeout), always within [min, max], where max is the recipe's `concurrency`.
 *
 * Growth is per "window" of successes equal to the current level, so it is paced by how fast the
 * provider answers, not by wall time: before the first overload the level doubles per window
 * (slow start), after it it grows by one per window. A burst of overload errors from calls that
 * all started before a decrease halves the level once, not once per call: each call remembers the
 * decrease epoch it started in, and only calls started after the latest decrease can lower it
 * again.
 */
import type { RateLimiter } from './rate-limit.js';
import { ModelCallError, type ModelEngine, type ModelRequest, type ModelResponse } from './types.js';

export interface AdaptiveConcurrencyOptions {
  /** The recipe's limit. */
  max: number;
  /** Never below this. Default 1. */
  min?: number;
  /** Where it starts. Default min(max, 8): a new provider is probed before it is trusted. */
  initial?: number;
}

/** Statuses that mean "too much at once": rate limited, unavailable, Anthropic's overloaded. */
const OVERLOAD_STATUSES = new Set([429, 503, 529]);

export function isOverload(error: unknown): boolean {
  if (!ModelCallError.isInstance(error)) return false;
  const { status } = (error as ModelCallError).details;
  if (status !== undefined) return OVERLOAD_STATUSES.has(status);
  return /timed out/.test((error as Error).message);
}

export class AdaptiveConcurrency {
  private levelNow: number;
  private readonly min: number;
  private readonly max: number;
  private successes = 0;
  private slowStart = true;
  /** Bumped on every decrease; see the file comment. */
  private epoch = 0;

  constructor(
    private readonly limiter: RateLimiter,
    options: AdaptiveConcurrencyOptions,
  ) {
    this.max = Math.max(1, options.max);
    this.min = Math.min(this.max, Math.max(1, options.min ?? 1));
    this.levelNow = clamp(options.initial ?? Math.min(this.max, 8), this.min, this.max);
    limiter.setConcurrency(this.levelNow);
  }

  get level(): number {
    return this.levelNow;
  }

  /** The epoch a call starts in; pass it back to onOverload. */
  begin(): number {
    return this.epoch;
  }

  onSuccess(): void {
    if (++this.successes < this.levelNow) return;
    this.successes = 0;
    this.set(this.slowStart ? this.levelNow * 2 : this.levelNow + 1);
  }

  onOverload(startedInEpoch: number): void {
    if (startedInEpoch !== this.epoch) return;
    this.epoch++;
    this.slowStart = false;
    this.successes = 0;
    this.set(Math.floor(this.levelNow / 2));
  }

  private set(level: number): void {
    const next = clamp(level, this.min, this.max);
    if (next === this.levelNow) return;
    this.levelNow = next;
    this.limiter.setConcurrency(next);
  }
}

/**
 * Feeds each call's outcome (one attempt: put it inside the retries) to the controller. Errors
 * other than overloads (a bad request, a bad reply) say nothing about load and change nothing.
 */
export function withAdaptiveConcurrency(engine: ModelEngine, control: AdaptiveConcurrency): ModelEngine {
  return {
    id: engine.id,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const epoch = control.begin();
      try {
        const response = await engine.generate(request);
        control.onSuccess();
        return response;
      } catch (error) {
        if (isOverload(error)) control.onOverload(epoch);
        throw error;
      }
    },
    close: engine.close ? () => engine.close!() : undefined,
  };
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}
