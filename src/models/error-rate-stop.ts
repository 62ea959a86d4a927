/**
 * Stops a run early when too many of its recent model calls fail (after their retries): a wrong
 * base URL, an exhausted quota or a provider outage would otherwise flag every remaining record
 * one by one and spend time (and maybe money) on calls that cannot succeed. The run stops with
 * ErrorRateExceededError; its finished records are saved, and a resume retries the failed cells.
 *
 * The window is a ring of the last `window` outcomes; the rate is judged only once it is full, so
 * a few early failures in a small run do not stop it.
 */
import { SynthkitError } from '../core/synthkit-error.js';
import { ModelCallError, type ModelEngine, type ModelRequest, type ModelResponse } from './types.js';

/** Calls judged together. */
export const DEFAULT_STOP_WINDOW = 100;
/** Share of failed calls in the window above which the run stops. */
export const DEFAULT_STOP_ERROR_RATE = 0.5;

export class ErrorRateExceededError extends SynthkitError {
  constructor(
    readonly failed: number,
    readonly window: number,
    readonly threshold: number,
    readonly lastError: string,
    resumeHint: string,
  ) {
    super(
      `stopped early: ${failed} of the last ${window} model calls failed (more than stop_error_rate ${threshold}); last error: ${lastError.slice(0, 200)}. Finished records are saved; fix the cause, then continue with: ${resumeHint}`,
    );
  }
}

export interface ErrorRateStopOptions {
  window?: number;
  threshold?: number;
  /** The command that continues the run, for the message. */
  resumeHint?: string;
}

export class ErrorRateMonitor {
  private readonly ring: Uint8Array;
  private next = 0;
  private count = 0;
  private failed = 0;
  private lastError = '';
  private tripped: ErrorRateExceededError | undefined;
  readonly window: number;
  readonly threshold: number;

  constructor(private readonly options: ErrorRateStopOptions = {}) {
    this.window = options.window ?? DEFAULT_STOP_WINDOW;
    this.threshold = options.threshold ?? DEFAULT_STOP_ERROR_RATE;
    this.ring = new Uint8Array(this.window);
  }

  /** The error that stopped the run, once it has. */
  get stopped(): ErrorRateExceededError | undefined {
    return this.tripped;
  }

  record(ok: boolean, error?: unknown): void {
    if (!ok) this.lastError = (error as Error)?.message ?? String(error);
    const bit = ok ? 0 : 1;
    if (this.count === this.window) this.failed -= this.ring[this.next];
    else this.count++;
    this.ring[this.next] = bit;
    this.failed += bit;
    this.next = (this.next + 1) % this.window;
    if (!this.tripped && this.count === this.window && this.failed / this.window > this.threshold) {
      this.tripped = new ErrorRateExceededError(
        this.failed,
        this.window,
        this.threshold,
        this.lastError,
        this.options.resumeHint ?? 'synthkit resume <run-dir>',
      );
    }
  }
}

/**
 * Counts each call's final outcome (put it outside the retries). Once the monitor has tripped,
 * the failing call and every later one throw the stop error instead, so nothing more is spent.
 */
export function withErrorRateStop(engine: ModelEngine, monitor: ErrorRateMonitor): ModelEngine {
  return {
    id: engine.id,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      if (monitor.stopped) throw monitor.stopped;
      try {
        const response = await engine.generate(request);
        monitor.record(true);
        return response;
      } catch (error) {
        // A stop the user asked for, or a setup error, is not the provider failing calls.
        if (request.signal?.aborted || !ModelCallError.isInstance(error)) throw error;
        monitor.record(false, error);
        throw monitor.stopped ?? error;
      }
    },
    close: engine.close ? () => engine.close!() : undefined,
  };
}
