/**
 * The engine against a local server speaking the real OpenAI and Anthropic wire formats:
 * structured output requested the provider's way, bad replies repaired then flagged with their
 * raw text kept, transient errors retried, and usage and cost accounted.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generate } from '../../src/pipeline/run-pipeline.js';
import type { ModelConfig, RecipeInput } from '../../src/recipe/schema.js';
import { startMockLlmServer, type MockLlmServer } from '../support/mock-llm-server.js';
import { tempDir } from '../support/paths.js';

const readJsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
let server: MockLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const schema = {
  type: 'object',
  properties: { label: { type: 'string', enum: ['bug', 'praise'] }, score: { type: 'integer' } },
  required: ['label', 'score'],
};

function recipe(model: ModelConfig, records = 4): RecipeInput {
  return {
    records,
    models: { m: model },
    columns: [
      { name: 'topic', kind: 'category', values: ['login', 'payments'] },
      { name: 'text', kind: 'llm-text', model: 'm', prompt: 'Write about {{ topic }}.' },
      { name: 'meta', kind: 'llm-object', model: 'm', prompt: 'Label: {{ text }}', schema, fence_data: false },
    ],
  };
}

describe('generation against an OpenAI-compatible server', () => {
  it('asks for JSON-schema output, retries 429/500, and prices the tokens', async () => {
    server = await startMockLlmServer({
      handler: (body) => (body.response_format ? { label: 'bug', score: 3 } : `text for ${body.messages.at(-1).content}`),
    });
    server.enqueue({ status: 429, headers: { 'retry-after': '0' } }, { status: 500 });
    const out = tempDir();
    const summary = await generate(
      recipe({ engine: 'openai-compatible', model: 'test-model', base_url: `${server.url}/v1`, price: { input_per_million: 1, output_per_million: 2 } }),
      { out, cache: false },
    );
    expect(summary.valid).toBe(4);
    const rows = readJsonl(join(out, 'dataset.jsonl'));
    expect(rows[0].meta).toEqual({ label: 'bug', score: 3 });
    expect(rows[0].text).toBe(`text for Write about ${rows[0].topic}.`);
    const schemaCall = server.requests.find((r) => r.body.response_format);
    expect(schemaCall!.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { schema } });
    expect(schemaCall!.body.model).toBe('test-model');
    // 8 cells + the 2 failed attempts that were retried.
    expect(server.requests).toHaveLength(10);
    expect(summary.models[0].calls).toBe(8);
    const { inputTokens, outputTokens } = summary.models[0];
    expect(summary.cost).toBeCloseTo((inputTokens * 1 + outputTokens * 2) / 1e6, 12);
  });

  it('repairs a reply that does not match the schema, then flags it and keeps the raw text', async () => {
    let schemaCalls = 0;
    server = await startMockLlmServer({
      handler: (body) => {
        if (!body.response_format) return 'some text';
        schemaCalls++;
        // Record 0's object never parses; the others are fixed on the second attempt.
        const last = body.messages.at(-1).content as string;
        if (body.messages[0].content.includes('Label: some text') && body.messages.length === 1) return 'not json at all';
        return last.startsWith('Your previous reply') && !last.includes('no JSON') ? { label: 'praise', score: 1 } : { label: 'praise', score: 'high' };
      },
    });
    const out = tempDir();
    const summary = await generate(
      { ...recipe({ engine: 'openai-compatible', model: 'x', base_url: `${server.url}/v1` }, 2), generation: { max_repairs: 1 } },
      { out, cache: false },
    );
    expect(schemaCalls).toBe(4);
    expect(summary.records).toBe(2);
    expect(summary.valid).toBe(0);
    expect(summary.flagged).toBe(2);
    const rows = readJsonl(join(out, 'dataset.jsonl'));
    expect(rows[0]._valid).toBe(false);
    expect(rows[0]._errors).toMatch(/meta: the JSON does not match the schema: \/score must be integer \(after 2 attempts\)/);
    // The repair prompt carried the validation error and the schema.
    const repair = server.requests.find((r) => r.body.messages.length === 3)!;
    expect(repair.body.messages[2].content).toContain('Your previous reply could not be used');
    expect(repair.body.messages[2].content).toContain('"enum":["bug","praise"]');
    const db = new Database(join(out, 'run.sqlite'), { readonly: true });
    const cell = db.prepare("SELECT raw, ok FROM cells WHERE col = 'meta' AND idx = 0").get() as { raw: string; ok: number };
    db.close();
    expect(cell.ok).toBe(0);
    expect(JSON.parse(cell.raw)).toEqual({ label: 'praise', score: 'high' });
  });

  it('generates until N valid records when asked, within the cap', async () => {
    let n = 0;
    server = await startMockLlmServer({ handler: (body) => (body.response_format ? (n++ % 2 ? { label: 'bug', score: 1 } : 'nope') : 'text') });
    const out = tempDir();
    const summary = await generate(
      {
        ...recipe({ engine: 'openai-compatible', model: 'x', base_url: `${server.url}/v1`, concurrency: 1 }, 3),
        generation: { max_repairs: 0, until_valid: true, max_records: 10 },
      },
      { out, cache: false },
    );
    expect(summary.complete).toBe(true);
    expect(summary.records).toBe(3);
    expect(readJsonl(join(out, 'dataset.jsonl')).every((r) => r._valid)).toBe(true);
    expect(readJsonl(join(out, 'rejected.jsonl')).length).toBe(summary.flagged);
    expect(summary.flagged).toBeGreaterThan(0);
  });

  it('stops the run with one clear error when the server rejects the key', async () => {
    server = await startMockLlmServer();
    server.enqueue({ status: 401, errorMessage: 'Incorrect API key provided' });
    process.env.SYNTHKIT_TEST_KEY = 'bad';
    await expect(
      generate(recipe({ engine: 'openai-compatible', model: 'x', base_url: `${server.url}/v1`, api_key_env: 'SYNTHKIT_TEST_KEY', concurrency: 1 }, 1), {
        out: tempDir(),
        cache: false,
      }),
    ).rejects.toThrow(/model 'm'.*SYNTHKIT_TEST_KEY/);
  });
});

describe('generation against an Anthropic-style server', () => {
  it('uses a forced tool for objects and reads usage', async () => {
    server = await startMockLlmServer({ handler: (body) => (body.tools ? { label: 'praise', score: 5 } : 'anthropic text') });
    process.env.SYNTHKIT_TEST_ANTHROPIC = 'k';
    const out = tempDir();
    const summary = await generate(recipe({ engine: 'anthropic', model: 'claude-test', base_url: server.url, api_key_env: 'SYNTHKIT_TEST_ANTHROPIC' }, 2), {
      out,
      cache: false,
    });
    expect(summary.valid).toBe(2);
    const rows = readJsonl(join(out, 'dataset.jsonl'));
    expect(rows[1]).toMatchObject({ text: 'anthropic text', meta: { label: 'praise', score: 5 } });
    const toolCall = server.requests.find((r) => r.body.tools)!;
    expect(toolCall.headers['x-api-key']).toBe('k');
    expect(toolCall.body.tool_choice).toEqual({ type: 'tool', name: 'output' });
    expect(toolCall.body.tools[0].input_schema).toEqual(schema);
    expect(summary.models[0].inputTokens).toBeGreaterThan(0);
  });
});
