import { describe, expect, it } from 'vitest';
import { createRateLimiter, withRateLimit } from '../../src/models/rate-limit.js';
import type { ModelEngine, ModelRequest, ModelResponse } from '../../src/models/types.js';

/** A clock that moves only when told; sleeps resolve when it passes their deadline. */
function fakeClock() {
  let t = 0;
  const sleepers: { at: number; wake: () => void }[] = [];
  const requested: number[] = [];
  return {
    now: () => t,
    sleep(ms: number) {
      requested.push(ms);
      return new Promise<void>((wake) => sleepers.push({ at: t + ms, wake }));
    },
    requested,
    async advance(ms: number) {
      t += ms;
      for (let i = sleepers.length - 1; i >= 0; i--) {
        if (sleepers[i].at <= t) sleepers.splice(i, 1)[0].wake();
      }
      await settle();
    },
  };
}

/** Lets pending promise callbacks run. */
async function settle() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createRateLimiter', () => {
  it('runs at most `concurrency` calls at once, in FIFO order', async () => {
    const limiter = createRateLimiter({ concurrency: 3 });
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const gates = Array.from({ length: 10 }, () => deferred());
    const calls = gates.map((gate, i) =>
      limiter.run(0, async () => {
        started.push(i);
        running++;
        peak = Math.max(peak, running);
        await gate.promise;
        running--;
        return i;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1, 2]);
    expect(limiter.active).toBe(3);
    expect(limiter.waiting).toBe(7);
    gates[1].resolve();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(calls)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(limiter.active).toBe(0);
  });

  it('frees the slot when a call fails', async () => {
    const limiter = createRateLimiter({ concurrency: 1 });
    await expect(limiter.run(0, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(
      limiter.run(0, () => {
        throw new Error('sync boom');
      }),
    ).rejects.toThrow('sync boom');
    expect(await limiter.run(0, async () => 'after')).toBe('after');
  });

  it('keeps to requests per minute with a continuously refilling bucket', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ concurrency: 100, requestsPerMinute: 3, now: clock.now, sleep: clock.sleep });
    const started: number[] = [];
    const calls = Array.from({ length: 6 }, (_, i) => limiter.run(0, async () => void started.push(i)));
    await settle();
    // A full bucket holds one minute's allowance.
    expect(started).toEqual([0, 1, 2]);
    // Then one request every 60 s / 3 = 20 s.
    expect(clock.requested).toEqual([20_000]);
    await clock.advance(19_999);
    expect(started).toEqual([0, 1, 2]);
    await clock.advance(1);
    expect(started).toEqual([0, 1, 2, 3]);
    await clock.advance(20_000);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    await clock.advance(20_000);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    await Promise.all(calls);
    // One timer at a time, not one per waiting call.
    expect(clock.requested).toEqual([20_000, 20_000, 20_000]);
  });

  it('keeps to tokens per minute and corrects the budget with real usage', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ concurrency: 10, tokensPerMinute: 600, now: clock.now, sleep: clock.sleep });
    const started: string[] = [];
    // Estimated 400 but really used 100: 300 come back.
    await limiter.run(400, async () => void started.push('a'), { actualTokens: () => 100 });
    // 500 left: a 500-token call fits now, a further 200-token call must wait 200 / (600/min) = 20 s.
    await limiter.run(500, async () => void started.push('b'));
    const c = limiter.run(200, async () => void started.push('c'));
    await settle();
    expect(started).toEqual(['a', 'b']);
    expect(clock.requested).toEqual([20_000]);
    await clock.advance(20_000);
    await c;
    expect(started).toEqual(['a', 'b', 'c']);
  });

  it('lets a call larger than the whole bucket run when the bucket is full', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ concurrency: 10, tokensPerMinute: 100, now: clock.now, sleep: clock.sleep });
    expect(await limiter.run(1_000, async () => 'big')).toBe('big');
    // The bucket is now 900 in debt: the next call waits for it to refill to 10.
    const next = limiter.run(10, async () => 'next');
    await settle();
    expect(clock.requested).toEqual([546_000]);
    await clock.advance(546_000);
    expect(await next).toBe('next');
  });

  it('does not let small calls overtake a waiting large one', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ concurrency: 10, tokensPerMinute: 600, now: clock.now, sleep: clock.sleep });
    const order: string[] = [];
    await limiter.run(500, async () => void order.push('first'));
    const large = limiter.run(300, async () => void order.push('large'));
    const small = limiter.run(10, async () => void order.push('small'));
    await settle();
    expect(order).toEqual(['first']);
    await clock.advance(20_000);
    await large;
    expect(order).toEqual(['first', 'large']);
    await clock.advance(1_000);
    await small;
    expect(order).toEqual(['first', 'large', 'small']);
  });

  it('drops an aborted call from the queue', async () => {
    const limiter = createRateLimiter({ concurrency: 1 });
    const gate = deferred();
    const first = limiter.run(0, () => gate.promise);
    const controller = new AbortController();
    let ranAborted = false;
    const aborted = limiter.run(0, async () => void (ranAborted = true), { signal: controller.signal });
    const third = limiter.run(0, async () => 'third');
    controller.abort(new Error('cancelled'));
    await expect(aborted).rejects.toThrow('cancelled');
    expect(limiter.waiting).toBe(1);
    gate.resolve();
    await first;
    expect(await third).toBe('third');
    expect(ranAborted).toBe(false);
  });

  it('rejects nonsense settings', () => {
    expect(() => createRateLimiter({ concurrency: 0 })).toThrow(RangeError);
    expect(() => createRateLimiter({ concurrency: 1, requestsPerMinute: 0 })).toThrow(/requestsPerMinute/);
  });

  it('has low overhead when no limit binds', async () => {
    const limiter = createRateLimiter({ concurrency: 64, requestsPerMinute: 1e9, tokensPerMinute: 1e12 });
    const work = async () => 1;
    const started = performance.now();
    let total = 0;
    for (let batch = 0; batch < 100; batch++) {
      const results = await Promise.all(Array.from({ length: 1_000 }, () => limiter.run(100, work)));
      total += results.length;
    }
    expect(total).toBe(100_000);
    // A few hundred ns per call in practice; the bound is loose so a busy machine does not fail it.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('withRateLimit', () => {
  it('estimates tokens as chars/4 + maxTokens and corrects with real usage', async () => {
    const seen: { estimated: number; actual?: number }[] = [];
    const limiter = {
      active: 0,
      waiting: 0,
      concurrency: 1,
      setConcurrency() {},
      async run<T>(estimated: number, fn: () => Promise<T>, options?: { actualTokens?: (result: T) => number }) {
        const result = await fn();
        seen.push({ estimated, actual: options?.actualTokens?.(result) });
        return result;
      },
    };
    const engine: ModelEngine = {
      id: 'fake:model',
      generate: async (): Promise<ModelResponse> => ({ text: 'hi', usage: { inputTokens: 30, outputTokens: 12 } }),
    };
    const limited = withRateLimit(engine, limiter);
    expect(limited.id).toBe('fake:model');
    const request: ModelRequest = {
      messages: [
        { role: 'system', content: 'x'.repeat(40) },
        { role: 'user', content: 'y'.repeat(41) },
      ],
      maxTokens: 100,
    };
    await limited.generate(request);
    await limited.generate({ messages: [{ role: 'user', content: 'abcd' }] });
    expect(seen).toEqual([
      { estimated: 21 + 100, actual: 42 },
      { estimated: 1 + 1024, actual: 42 },
    ]);
  });

  it('holds a real engine to its concurrency', async () => {
    let running = 0;
    let peak = 0;
    const engine: ModelEngine = {
      id: 'slow',
      async generate() {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return { text: '', usage: { inputTokens: 1, outputTokens: 1 } };
      },
    };
    const limited = withRateLimit(engine, createRateLimiter({ concurrency: 4 }));
    await Promise.all(Array.from({ length: 20 }, () => limited.generate({ messages: [{ role: 'user', content: 'q' }] })));
    expect(peak).toBe(4);
  });
});
