import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAnthropicEngine } from '../../src/models/anthropic-engine.js';
import { ModelCallError, ModelSetupError, type ModelEngine } from '../../src/models/types.js';
import { startMockLlmServer, type MockLlmServer } from '../support/mock-llm-server.js';
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

function engine(options: Partial<Parameters<typeof createAnthropicEngine>[0]> = {}): ModelEngine {
  const created = createAnthropicEngine({ modelName: 'claude-test', baseURL: server.url, apiKey: 'sk-ant-test', timeoutMs: 5_000, ...options });
  engines.push(created);
  return created;
}

describe('createAnthropicEngine', () => {
  it('sends the Messages API wire format: system on top, headers, default max_tokens', async () => {
    const response = await engine().generate({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'system', content: 'Use British spelling.' },
        { role: 'user', content: 'Name a colour.' },
        { role: 'assistant', content: 'Grey.' },
        { role: 'user', content: 'Another.' },
      ],
      temperature: 0.5,
      topP: 0.8,
      seed: 7,
      logprobs: true,
    });
    expect(response.text).toBe('echo: Another.');
    expect(response.finishReason).toBe('end_turn');
    expect(response.usage.inputTokens).toBeGreaterThan(0);
    expect(response.usage.outputTokens).toBeGreaterThan(0);

    const [request] = server.requests;
    expect(request.path).toBe('/v1/messages');
    expect(request.headers['x-api-key']).toBe('sk-ant-test');
    expect(request.headers['anthropic-version']).toBe('2023-06-01');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.authorization).toBeUndefined();
    // No seed or logprobs: the Messages API has neither.
    expect(request.body).toEqual({
      model: 'claude-test',
      max_tokens: 1024,
      system: 'Be brief.\n\nUse British spelling.',
      messages: [
        { role: 'user', content: 'Name a colour.' },
        { role: 'assistant', content: 'Grey.' },
        { role: 'user', content: 'Another.' },
      ],
      temperature: 0.5,
      top_p: 0.8,
    });
  });

  it('passes maxTokens and leaves system out when there is none', async () => {
    await engine().generate({ messages: [{ role: 'user', content: 'hi' }], maxTokens: 64 });
    expect(server.requests[0].body.max_tokens).toBe(64);
    expect(server.requests[0].body).not.toHaveProperty('system');
  });

  it('forces an "output" tool for schema requests and returns its input as JSON text', async () => {
    const schema = {
      type: 'object',
      description: 'A person record.',
      properties: { name: { type: 'string' }, tags: { type: 'array', items: { enum: ['a', 'b'] } } },
    };
    const response = await engine().generate({ messages: [{ role: 'user', content: 'A person.' }], schema });
    expect(JSON.parse(response.text)).toEqual({ name: 'text', tags: ['a'] });
    expect(response.finishReason).toBe('tool_use');
    const { body } = server.requests[0];
    expect(body.tools).toEqual([{ name: 'output', description: 'A person record.', input_schema: schema }]);
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'output' });
  });

  it('wraps a non-object schema in {value} and unwraps the answer', async () => {
    const schema = { type: 'array', items: { type: 'string' } };
    server.enqueue({ content: { value: ['x', 'y'] } });
    const response = await engine().generate({ messages: [{ role: 'user', content: 'List.' }], schema });
    expect(response.text).toBe('["x","y"]');
    expect(server.requests[0].body.tools[0].input_schema).toEqual({ type: 'object', properties: { value: schema }, required: ['value'] });
  });

  it('puts thinking blocks in reasoning and concatenates text blocks', async () => {
    server.enqueue({ content: 'The answer.', reasoning: 'Let me think.' });
    const response = await engine().generate({ messages: [{ role: 'user', content: 'q' }] });
    expect(response).toMatchObject({ text: 'The answer.', reasoning: 'Let me think.' });

    server.enqueue({
      rawBody: JSON.stringify({
        content: [
          { type: 'text', text: 'Part one, ' },
          { type: 'redacted_thinking', data: 'xxx' },
          { type: 'text', text: 'part two.' },
        ],
        stop_reason: 'max_tokens',
        usage: { input_tokens: 11, output_tokens: 4 },
      }),
    });
    expect(await engine().generate({ messages: [{ role: 'user', content: 'q' }] })).toEqual({
      text: 'Part one, part two.',
      usage: { inputTokens: 11, outputTokens: 4 },
      finishReason: 'max_tokens',
    });
  });

  it('defaults its id to anthropic:model@baseURL', () => {
    expect(createAnthropicEngine({ modelName: 'claude-x' }).id).toBe('anthropic:claude-x@https://api.anthropic.com');
  });

  it('retries 529 overloaded honouring retry-after, and 500, then succeeds', async () => {
    server.enqueue({ status: 529, headers: { 'retry-after': '3' }, errorMessage: 'Overloaded' }, { status: 500 });
    const sleeps: number[] = [];
    const response = await retrying(engine(), sleeps).generate({ messages: [{ role: 'user', content: 'q' }] });
    expect(response.text).toBe('echo: q');
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBe(3000);
    expect(server.requests).toHaveLength(3);
  });

  it('marks 429 retryable with the server message and delay', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after': '20' }, errorMessage: 'Number of request tokens has exceeded your rate limit' });
    const error = await rejection(engine().generate({ messages: [{ role: 'user', content: 'q' }] }));
    expect(error).toBeInstanceOf(ModelCallError);
    expect((error as ModelCallError).details).toMatchObject({ retryable: true, status: 429, retryAfterMs: 20_000 });
    expect(error.message).toContain('exceeded your rate limit');
  });

  it('gives a clear non-retryable error for 401 naming ANTHROPIC_API_KEY', async () => {
    server.enqueue({ status: 401, errorMessage: 'invalid x-api-key' });
    const sleeps: number[] = [];
    const error = await rejection(retrying(engine(), sleeps).generate({ messages: [{ role: 'user', content: 'q' }] }));
    expect((error as ModelCallError).details).toMatchObject({ retryable: false, status: 401 });
    expect(error.message).toMatch(/invalid x-api-key.*ANTHROPIC_API_KEY/);
    expect(sleeps).toEqual([]);
  });

  it('retries a malformed body and a slow reply past the timeout', async () => {
    server.enqueue({ malformed: true }, { delayMs: 3_000 });
    const sleeps: number[] = [];
    const response = await retrying(engine({ timeoutMs: 200 }), sleeps).generate({ messages: [{ role: 'user', content: 'q' }] });
    expect(response.text).toBe('echo: q');
    expect(sleeps).toHaveLength(2);
  });

  it('turns connection refused into a one-line setup error', async () => {
    const unreachable = createAnthropicEngine({ modelName: 'claude-x', baseURL: 'http://127.0.0.1:1' });
    const error = await rejection(unreachable.generate({ messages: [{ role: 'user', content: 'q' }] }));
    expect(error).toBeInstanceOf(ModelSetupError);
    expect(error.message).toBe("cannot reach http://127.0.0.1:1 (connection refused): is the server running? Check base_url of model 'claude-x'.");
  });
});
