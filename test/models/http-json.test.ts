/**
 * The remote engines' HTTP client at its edges: an unreachable base_url fails within 15 s as a
 * setup error (a connect timeout, apart from the per-call timeout, not retried); the same timeout
 * after the server has answered is retryable; the caller's signal and the per-call limit cut a
 * connect short; and 16 calls sharing one signal add no MaxListenersExceededWarning.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngines } from '../../src/models/create-engines.js';
import { createHttpJsonClient } from '../../src/models/http-json.js';
import { createOpenAIEngine } from '../../src/models/openai-engine.js';
import { createRateLimiter, withRateLimit } from '../../src/models/rate-limit.js';
import { withRetry } from '../../src/models/retry.js';
import { ModelCallError, ModelSetupError } from '../../src/models/types.js';
import { startBlackhole, type Blackhole } from './blackhole.js';

let blackhole: Blackhole;
let server: http.Server;
let url = '';
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  blackhole = await startBlackhole();
  server = http.createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    req.resume();
    req.on('end', () =>
      // Held a moment so that all calls are in flight together.
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { content: 'hi' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1 } }));
      }, 100),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  blackhole.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const ask = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('an unreachable remote host', () => {
  it('fails within 15 s with a setup error naming the base_url, under the default limits and retries', async () => {
    const baseURL = `${blackhole.url}/v1`;
    const engines = await createEngines({ models: { m: { engine: 'openai-compatible', model: 'x', base_url: baseURL } } }, new Set(['m']));
    const started = performance.now();
    // Four calls at once, as a run sends them: each must give up on its own, none retried.
    const errors = await Promise.all(
      Array.from({ length: 4 }, () =>
        engines
          .get('m')!
          .generate(ask)
          .catch((e) => e),
      ),
    );
    const ms = performance.now() - started;
    await engines.get('m')!.close?.();
    expect(ms).toBeLessThan(15_000);
    for (const error of errors) {
      expect(error).toBeInstanceOf(ModelSetupError);
      expect(error.message).toContain(baseURL);
      expect(error.message).toContain('connect timeout');
      expect(error.message).toContain("base_url of model 'm'");
    }
  });

  it('is a retryable error once the server has answered before (overloaded, not misconfigured)', async () => {
    const flaky = http.createServer((req, res) => void req.resume().on('end', () => res.end('{}')));
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    const port = (flaky.address() as AddressInfo).port;
    const client = createHttpJsonClient({ connectTimeoutMs: 300 });
    expect((await client.postJson(`http://127.0.0.1:${port}/v1/x`, {})).status).toBe(200);
    flaky.closeAllConnections();
    await new Promise((r) => flaky.close(r));
    const hole = await startBlackhole(port);
    try {
      const error = await client.postJson(`http://127.0.0.1:${port}/v1/x`, {}).catch((e) => e);
      expect(error).toBeInstanceOf(ModelCallError);
      expect(error.retryable).toBe(true);
    } finally {
      hole.close();
      client.close();
    }
  });

  it('stops connecting at once when the caller aborts', async () => {
    const client = createHttpJsonClient();
    const controller = new AbortController();
    const pending = client.postJson(`${blackhole.url}/v1/x`, {}, { signal: controller.signal }).catch((e) => e);
    await new Promise((r) => setTimeout(r, 200));
    const abortedAt = performance.now();
    controller.abort();
    const error = await pending;
    expect(performance.now() - abortedAt).toBeLessThan(200);
    expect(error.name).toBe('AbortError');
    client.close();
  });

  it('keeps to the per-call limit while connecting', async () => {
    const client = createHttpJsonClient({ timeoutMs: 300 });
    const started = performance.now();
    const error = await client.postJson(`${blackhole.url}/v1/x`, {}).catch((e) => e);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(ModelCallError);
    expect(error.message).toContain('timed out');
    client.close();
  });
});

describe('many calls sharing one signal', () => {
  /** Runs `fn` and returns the process warnings emitted meanwhile (they are emitted on the next tick). */
  async function warningsDuring(fn: () => Promise<unknown>): Promise<Error[]> {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      await fn();
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      process.off('warning', onWarning);
    }
    return warnings;
  }

  for (const concurrency of [16, 4]) {
    it(`adds no MaxListenersExceededWarning: 16 calls at concurrency ${concurrency}`, async () => {
      const engine = withRetry(withRateLimit(createOpenAIEngine({ modelName: 'm', baseURL: url }), createRateLimiter({ concurrency })));
      const controller = new AbortController();
      maxInFlight = 0;
      const warnings = await warningsDuring(() => Promise.all(Array.from({ length: 16 }, () => engine.generate({ ...ask, signal: controller.signal }))));
      await engine.close?.();
      expect(maxInFlight).toBe(concurrency);
      expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
    });
  }

  it('still aborts every queued and running call when the shared signal fires', async () => {
    const engine = withRateLimit(createOpenAIEngine({ modelName: 'm', baseURL: url }), createRateLimiter({ concurrency: 4 }));
    const controller = new AbortController();
    const calls = Array.from({ length: 16 }, () => engine.generate({ ...ask, signal: controller.signal }).catch((e) => e));
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    const results = await Promise.all(calls);
    expect(results.every((r) => r instanceof Error && r.name === 'AbortError')).toBe(true);
    await engine.close?.();
  });
});
