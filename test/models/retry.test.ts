import { describe, expect, it } from 'vitest';
import { backoffDelayMs, retryDelayMs, withRetry, type RetryInfo } from '../../src/models/retry.js';
import { ModelCallError, ModelSetupError, type ModelEngine, type ModelResponse } from '../../src/models/types.js';

const ok: ModelResponse = { text: 'ok', usage: { inputTokens: 1, outputTokens: 1 } };

/** An engine that throws the scripted errors in turn, then answers. */
function scripted(errors: Error[]): ModelEngine & { calls: number } {
  const engine = {
    id: 'fake:model',
    calls: 0,
    async generate() {
      const error = errors[engine.calls++];
      if (error) throw error;
      return ok;
    },
  };
  return engine;
}

const retryable = (retryAfterMs?: number) => new ModelCallError('server error (503)', { retryable: true, status: 503, retryAfterMs });

describe('backoffDelayMs', () => {
  it('doubles the ceiling each retry up to maxDelayMs (random = just under 1)', () => {
    const top = () => 0.999999;
    const delays = [0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, { baseDelayMs: 100, maxDelayMs: 1_000 }, top));
    expect(delays).toEqual([99, 199, 399, 799, 999, 999, 999]);
  });

  it('is uniform between 0 and the ceiling (full jitter)', () => {
    expect(backoffDelayMs(3, { baseDelayMs: 100, maxDelayMs: 10_000 }, () => 0)).toBe(0);
    expect(backoffDelayMs(3, { baseDelayMs: 100, maxDelayMs: 10_000 }, () => 0.5)).toBe(400);
    for (let n = 0; n < 8; n++) {
      const ceiling = Math.min(8_000, 500 * 2 ** n);
      for (let i = 0; i < 200; i++) {
        const delay = backoffDelayMs(n);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
    }
  });

  it('does not overflow for huge retry counts', () => {
    expect(backoffDelayMs(5_000, { baseDelayMs: 100, maxDelayMs: 1_000 }, () => 0.5)).toBe(500);
  });
});

describe('retryDelayMs', () => {
  it('uses Retry-After exactly when given, capped at maxRetryAfterMs', () => {
    expect(retryDelayMs(retryable(1_234), 0, {}, () => 0.5)).toBe(1_234);
    expect(retryDelayMs(retryable(0), 3, {}, () => 0.5)).toBe(0);
    expect(retryDelayMs(retryable(3_600_000), 0, {}, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(retryable(5_000), 0, { maxRetryAfterMs: 2_000 }, () => 0.5)).toBe(2_000);
    // maxDelayMs bounds our own backoff, not the server's Retry-After.
    expect(retryDelayMs(retryable(5_000), 0, { maxDelayMs: 1_000 }, () => 0.5)).toBe(5_000);
    expect(retryDelayMs(retryable(), 2, { baseDelayMs: 100 }, () => 0.5)).toBe(200);
  });
});

describe('withRetry', () => {
  it('retries retryable errors with growing jittered delays, then returns the answer', async () => {
    const engine = scripted([retryable(), retryable(), retryable()]);
    const sleeps: number[] = [];
    const seen: RetryInfo[] = [];
    const wrapped = withRetry(engine, {
      maxRetries: 5,
      baseDelayMs: 100,
      maxDelayMs: 10_000,
      random: () => 0.75,
      sleep: async (ms) => void sleeps.push(ms),
      onRetry: (info) => seen.push(info),
    });
    expect(await wrapped.generate({ messages: [] })).toBe(ok);
    expect(engine.calls).toBe(4);
    expect(sleeps).toEqual([75, 150, 300]);
    expect(seen.map((info) => info.attempt)).toEqual([1, 2, 3]);
    expect(seen[0].engineId).toBe('fake:model');
    expect(wrapped.id).toBe('fake:model');
  });

  it('honours Retry-After from the error', async () => {
    const engine = scripted([retryable(1_000), retryable()]);
    const sleeps: number[] = [];
    await withRetry(engine, { baseDelayMs: 100, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) }).generate({ messages: [] });
    expect(sleeps).toEqual([1_000, 100]);
  });

  it('gives up after maxRetries with the last error, saying how often it tried', async () => {
    const engine = scripted(Array.from({ length: 10 }, () => retryable()));
    const sleeps: number[] = [];
    const wrapped = withRetry(engine, { maxRetries: 2, sleep: async (ms) => void sleeps.push(ms) });
    const error = await wrapped.generate({ messages: [] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelCallError);
    expect((error as ModelCallError).message).toBe('server error (503) (gave up after 2 retries)');
    expect((error as ModelCallError).details.status).toBe(503);
    expect(engine.calls).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it('does not retry non-retryable errors, setup errors or other errors', async () => {
    for (const error of [
      new ModelCallError('bad request (400)', { retryable: false, status: 400 }),
      new ModelSetupError('cannot reach http://127.0.0.1:1/v1 (connection refused)'),
      new TypeError('bug'),
    ]) {
      const engine = scripted([error]);
      const sleeps: number[] = [];
      await expect(withRetry(engine, { sleep: async (ms) => void sleeps.push(ms) }).generate({ messages: [] })).rejects.toBe(error);
      expect(engine.calls).toBe(1);
      expect(sleeps).toEqual([]);
    }
  });

  it('stops waiting when the request is aborted during a real backoff', async () => {
    const engine = scripted([retryable(5_000)]);
    const controller = new AbortController();
    const started = performance.now();
    const call = withRetry(engine).generate({ messages: [], signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user cancelled')), 20);
    await expect(call).rejects.toThrow('user cancelled');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(engine.calls).toBe(1);
  });

  it('passes close through', async () => {
    let closed = false;
    const wrapped = withRetry({ id: 'x', generate: async () => ok, close: async () => void (closed = true) });
    await wrapped.close?.();
    expect(closed).toBe(true);
  });
});
