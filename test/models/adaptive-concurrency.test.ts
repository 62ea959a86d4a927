import { describe, expect, it } from 'vitest';
import { AdaptiveConcurrency, isOverload, withAdaptiveConcurrency } from '../../src/models/adaptive-concurrency.js';
import { createRateLimiter, withRateLimit } from '../../src/models/rate-limit.js';
import { ModelCallError, type ModelEngine } from '../../src/models/types.js';

const overloaded = () => new ModelCallError('HTTP 429', { retryable: true, status: 429 });

describe('AdaptiveConcurrency (AIMD)', () => {
  it('doubles per window of successes until the first overload (slow start), within max', () => {
    const limiter = createRateLimiter({ concurrency: 64 });
    const control = new AdaptiveConcurrency(limiter, { max: 40 });
    const levels = [control.level];
    for (let i = 0; i < 200; i++) {
      control.onSuccess();
      if (levels.at(-1) !== control.level) levels.push(control.level);
    }
    expect(levels).toEqual([8, 16, 32, 40]);
    expect(limiter.concurrency).toBe(40);
  });

  it('halves once for a burst of overloads from calls started before the decrease, then grows by one per window', () => {
    const limiter = createRateLimiter({ concurrency: 1 });
    const control = new AdaptiveConcurrency(limiter, { max: 64, initial: 32 });
    const epochs = Array.from({ length: 10 }, () => control.begin());
    for (const epoch of epochs) control.onOverload(epoch);
    expect(control.level).toBe(16);
    // A call started after the decrease that is overloaded too halves again.
    control.onOverload(control.begin());
    expect(control.level).toBe(8);
    for (let i = 0; i < 8; i++) control.onSuccess();
    expect(control.level).toBe(9);
    for (let i = 0; i < 9; i++) control.onSuccess();
    expect(control.level).toBe(10);
    expect(limiter.concurrency).toBe(10);
  });

  it('never goes below min', () => {
    const control = new AdaptiveConcurrency(createRateLimiter({ concurrency: 1 }), { max: 4, min: 2, initial: 4 });
    for (let i = 0; i < 5; i++) control.onOverload(control.begin());
    expect(control.level).toBe(2);
  });

  it('counts 429, 503, 529 and timeouts as overload; other failures change nothing', () => {
    expect(isOverload(overloaded())).toBe(true);
    expect(isOverload(new ModelCallError('x', { retryable: true, status: 529 }))).toBe(true);
    expect(isOverload(new ModelCallError('no complete reply within 10 ms (timed out)', { retryable: true }))).toBe(true);
    expect(isOverload(new ModelCallError('bad request', { retryable: false, status: 400 }))).toBe(false);
    expect(isOverload(new Error('429'))).toBe(false);
  });

  it('wrapped around a rate-limited engine, limits the calls really running at once', async () => {
    const limiter = createRateLimiter({ concurrency: 16 });
    const control = new AdaptiveConcurrency(limiter, { max: 16, initial: 16 });
    let running = 0;
    let peak = 0;
    let calls = 0;
    const engine: ModelEngine = {
      id: 'fake',
      async generate() {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 2));
        running--;
        // The first call is rate limited; everything after succeeds.
        if (calls++ === 0) throw overloaded();
        return { text: 'ok', usage: { inputTokens: 1, outputTokens: 1 } };
      },
    };
    const adaptive = withAdaptiveConcurrency(withRateLimit(engine, limiter), control);
    await Promise.allSettled(Array.from({ length: 16 }, () => adaptive.generate({ messages: [] })));
    // Halved to 8 by the 429, then one more per window of successes (one or two here).
    const afterOverload = control.level;
    expect(afterOverload).toBeGreaterThanOrEqual(8);
    expect(afterOverload).toBeLessThanOrEqual(10);
    peak = 0;
    await Promise.all(Array.from({ length: 40 }, () => adaptive.generate({ messages: [] })));
    // Additive growth over 40 calls: a few more, never back to the 16 it started with.
    expect(peak).toBeLessThan(16);
    expect(control.level).toBeGreaterThan(afterOverload);
    expect(control.level).toBeLessThan(16);
  });
});
