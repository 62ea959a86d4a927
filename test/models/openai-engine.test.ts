import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseRetryAfterMs } from '../../src/models/http-json.js';
import { createOpenAIEngine } from '../../src/models/openai-engine.js';
import { ModelCallError, ModelSetupError, type ModelEngine } from '../../src/models/types.js';
import { startMockLlmServer, type MockLlmServer } from '../support/mock-llm-server.js';
import { withRetry } from '../../src/models/retry.js';
import { rejection, retrying } from '../support/engine-helpers.js';

let server: MockLlmServer;
const engines: ModelEngine[] = [];

beforeAll(async () => {
  server = await startMockLlmServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  server.requests.length = 0;
  for (const engine of engines.splice(0)) await engine.close?.();
});

function engine(options: Partial<Parameters<typeof createOpenAIEngine>[0]> = {}): ModelEngine {
  const created = createOpenAIEngine({ modelName: 'test-model', baseURL: `${server.url}/v1`, apiKey: 'sk-test', timeoutMs: 5_000, ...options });
  engines.push(created);
  return created;
}

describe('createOpenAIEngine', () => {
  it('sends the chat-completions wire format and reads text, usage and finish reason', async () => {
    const response = await engine().generate({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Name a colour.' },
      ],
      temperature: 0.7,
      maxTokens: 50,
      topP: 0.9,
      seed: 42,
    });
    expect(response.text).toBe('echo: Name a colour.');
    expect(response.finishReason).toBe('stop');
    expect(response.usage.inputTokens).toBeGreaterThan(0);
    expect(response.usage.outputTokens).toBeGreaterThan(0);
    expect(response.reasoning).toBeUndefined();
    expect(response.logprobs).toBeUndefined();

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer sk-test');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toEqual({
      model: 'test-model',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Name a colour.' },
      ],
      temperature: 0.7,
      max_tokens: 50,
      top_p: 0.9,
      seed: 42,
    });
  });

  it('sends response_format json_schema for schema requests and returns the JSON text', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 3 } }, required: ['name'] };
    const response = await engine().generate({ messages: [{ role: 'user', content: 'A person.' }], schema });
    expect(JSON.parse(response.text)).toEqual({ name: 'text', age: 3 });
    expect(server.requests[0].body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'output', schema, strict: false } });
  });

  it('works without an API key (local servers) and with extra headers and max_completion_tokens', async () => {
    await engine({ apiKey: undefined, extraHeaders: { 'x-team': 'data' }, maxTokensField: 'max_completion_tokens' }).generate({
      messages: [{ role: 'user', content: 'hi' }],
      maxTokens: 7,
    });
    const [request] = server.requests;
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers['x-team']).toBe('data');
    expect(request.body.max_completion_tokens).toBe(7);
    expect(request.body).not.toHaveProperty('max_tokens');
  });

  it('reads reasoning_content and reasoning fields', async () => {
    server.enqueue({ content: 'answer', reasoning: 'thought A' }, { content: 'answer', reasoning: 'thought B', reasoningField: 'reasoning' });
    const first = await engine().generate({ messages: [{ role: 'user', content: 'q' }] });
    const second = await engine().generate({ messages: [{ role: 'user', content: 'q' }] });
    expect(first).toMatchObject({ text: 'answer', reasoning: 'thought A' });
    expect(second).toMatchObject({ text: 'answer', reasoning: 'thought B' });
  });

  it('asks for logprobs and summarises them as mean and min', async () => {
    server.enqueue({ content: 'a b c d', logprobs: [-0.5, -1.5, 0, -2] });
    const response = await engine().generate({ messages: [{ role: 'user', content: 'q' }], logprobs: true });
    expect(server.requests[0].body.logprobs).toBe(true);
    expect(response.logprobs).toEqual({ mean: -1, min: -2 });
  });

  it('defaults its id to openai:model@baseURL', () => {
    expect(engine().id).toBe(`openai:test-model@${server.url}/v1`);
    expect(createOpenAIEngine({ modelName: 'gpt-4o-mini' }).id).toBe('openai:gpt-4o-mini@https://api.openai.com/v1');
    expect(engine({ id: 'mine' }).id).toBe('mine');
  });

  it('marks 429 retryable with Retry-After, and withRetry waits exactly that long', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after': '1' }, errorMessage: 'Rate limit reached for requests' });
    const error = await rejection(engine().generate({ messages: [{ role: 'user', content: 'q' }] }));
    expect(error).toBeInstanceOf(ModelCallError);
    expect((error as ModelCallError).details).toMatchObject({ retryable: true, status: 429, retryAfterMs: 1000 });
    expect(error.message).toContain('Rate limit reached for requests');

    const sleeps: number[] = [];
    server.enqueue({ status: 429, headers: { 'retry-after-ms': '250' } });
    const response = await retrying(engine(), sleeps).generate({ messages: [{ role: 'user', content: 'again' }] });
    expect(response.text).toBe('echo: again');
    expect(sleeps).toEqual([250]);
  });

  it('honours a real one-second Retry-After end to end', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after': '1' } });
    const started = performance.now();
    const response = await withRetry(engine(), { maxRetries: 1 }).generate({ messages: [{ role: 'user', content: 'q' }] });
    const elapsed = performance.now() - started;
    expect(response.text).toBe('echo: q');
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(elapsed).toBeLessThan(2_500);
  });

  it('retries a 500 and then succeeds', async () => {
    const sleeps: number[] = [];
    server.enqueue({ status: 500, errorMessage: 'internal' });
    const response = await retrying(engine(), sleeps).generate({ messages: [{ role: 'user', content: 'q' }] });
    expect(response.text).toBe('echo: q');
    expect(sleeps).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('times out a slow reply, marks it retryable, and succeeds on retry', async () => {
    server.enqueue({ delayMs: 3_000 });
    const fast = engine({ timeoutMs: 200 });
    const started = performance.now();
    const error = await rejection(fast.generate({ messages: [{ role: 'user', content: 'q' }] }));
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(error).toBeInstanceOf(ModelCallError);
    expect((error as ModelCallError).retryable).toBe(true);
    expect(error.message).toMatch(/within 200 ms/);

    const sleeps: number[] = [];
    server.enqueue({ delayMs: 3_000 });
    const response = await retrying(fast, sleeps).generate({ messages: [{ role: 'user', content: 'q2' }] });
    expect(response.text).toBe('echo: q2');
    expect(sleeps).toHaveLength(1);
  });

  it('treats a malformed 200 body as retryable, then succeeds', async () => {
    server.enqueue({ malformed: true });
    const error = await rejection(engine().generate({ messages: [{ role: 'user', content: 'q' }] }));
    expect(error).toBeInstanceOf(ModelCallError);
    expect((error as ModelCallError).retryable).toBe(true);
    expect(error.message).toMatch(/malformed response/);

    server.enqueue({ malformed: true });
    const sleeps: number[] = [];
    expect((await retrying(engine(), sleeps).generate({ messages: [{ role: 'user', content: 'q' }] })).text).toBe('echo: q');
  });

  it('treats a 200 without choices as malformed', async () => {
    server.enqueue({ rawBody: '{"object":"chat.completion"}' });
    const error = await rejection(engine().generate({ messages: [{ role: 'user', content: 'q' }] }));
    expect(error.message).toMatch(/malformed response .*choices/);
  });

  it('retries a dropped connection', async () => {
    server.enqueue({ dropConnection: true });
    const sleeps: number[] = [];
    const response = await retrying(engine(), sleeps).generate({ messages: [{ role: 'user', content: 'q' }] });
    expect(response.text).toBe('echo: q');
    expect(sleeps).toHaveLength(1);
  });

  it('gives a clear non-retryable error for 401 naming the key variable, without retrying', async () => {
    server.enqueue({ status: 401, errorMessage: 'Incorrect API key provided: sk-test.' });
    const sleeps: number[] = [];
    const error = await rejection(retrying(engine(), sleeps).generate({ messages: [{ role: 'user', content: 'q' }] }));
    expect(error).toBeInstanceOf(ModelCallError);
    expect((error as ModelCallError).details).toMatchObject({ retryable: false, status: 401 });
    expect(error.message).toContain('Incorrect API key provided');
    expect(error.message).toContain('OPENAI_API_KEY');
    expect(error.message).not.toContain('\n');
    expect(sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);

    server.enqueue({ status: 401 });
    const keyless = await rejection(engine({ apiKey: undefined, apiKeyEnvVar: 'VLLM_KEY' }).generate({ messages: [{ role: 'user', content: 'q' }] }));
    expect(keyless.message).toMatch(/No API key was given: set VLLM_KEY/);
  });

  it('passes the server message through on 400 and 404, not retryable', async () => {
    server.enqueue({ status: 400, errorMessage: "This model's maximum context length is 8192 tokens." });
    const bad = await rejection(engine().generate({ messages: [{ role: 'user', content: 'q' }] }));
    expect((bad as ModelCallError).details).toMatchObject({ retryable: false, status: 400 });
    expect(bad.message).toContain('maximum context length is 8192');

    server.enqueue({ status: 404, errorMessage: 'The model `nope` does not exist' });
    const missing = await rejection(engine().generate({ messages: [{ role: 'user', content: 'q' }] }));
    expect((missing as ModelCallError).retryable).toBe(false);
    expect(missing.message).toMatch(/does not exist.*Check base_url and the model name/);
  });

  it('obeys x-should-retry over the status', async () => {
    server.enqueue({ status: 500, headers: { 'x-should-retry': 'false' } });
    const error = await rejection(engine().generate({ messages: [{ role: 'user', content: 'q' }] }));
    expect((error as ModelCallError).retryable).toBe(false);
  });

  it('turns connection refused into a one-line setup error that is not retried', async () => {
    const port = await closedPort();
    const sleeps: number[] = [];
    const unreachable = retrying(createOpenAIEngine({ modelName: 'x', baseURL: `http://127.0.0.1:${port}/v1`, timeoutMs: 2_000 }), sleeps);
    const error = await rejection(unreachable.generate({ messages: [{ role: 'user', content: 'q' }] }));
    expect(error).toBeInstanceOf(ModelSetupError);
    expect(error.message).toBe(`cannot reach http://127.0.0.1:${port}/v1 (connection refused): is the server running? Check base_url of model 'x'.`);
    expect(sleeps).toEqual([]);
    await unreachable.close?.();
  });

  it('rejects an invalid base URL at creation', () => {
    expect(() => createOpenAIEngine({ modelName: 'x', baseURL: 'localhost:8000/v1' })).toThrow(ModelSetupError);
  });

  it('stops on abort with the signal reason, without retrying', async () => {
    server.enqueue({ delayMs: 3_000 });
    const controller = new AbortController();
    const sleeps: number[] = [];
    const call = retrying(engine(), sleeps).generate({ messages: [{ role: 'user', content: 'q' }], signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(call);
    expect(error.name).toBe('AbortError');
    expect(sleeps).toEqual([]);
  });

  it('reuses keep-alive connections across many concurrent calls', async () => {
    const fast = engine({ maxSockets: 8 });
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => fast.generate({ messages: [{ role: 'user', content: `n${i}` }] })));
    expect(replies.map((r) => r.text)).toEqual(Array.from({ length: 200 }, (_, i) => `echo: n${i}`));
  });
});

describe('parseRetryAfterMs', () => {
  it('reads retry-after-ms, seconds, fractions and HTTP dates', () => {
    expect(parseRetryAfterMs({ 'retry-after-ms': '1500', 'retry-after': '9' })).toBe(1500);
    expect(parseRetryAfterMs({ 'retry-after': '2' })).toBe(2000);
    expect(parseRetryAfterMs({ 'retry-after': '0.5' })).toBe(500);
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfterMs({ 'retry-after': 'Wed, 21 Oct 2015 07:28:03 GMT' }, now)).toBe(3000);
    expect(parseRetryAfterMs({ 'retry-after': 'Wed, 21 Oct 2015 07:27:00 GMT' }, now)).toBe(0);
    expect(parseRetryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
    expect(parseRetryAfterMs({})).toBeUndefined();
  });
});

/** A port that was just free: nothing listens there. */
async function closedPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
