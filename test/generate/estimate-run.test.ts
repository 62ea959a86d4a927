import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { estimateRun, exampleOf } from '../../src/generate/estimate-run.js';
import { generateRecords } from '../../src/generate/generate.js';
import { createMockEngine } from '../../src/models/mock-engine.js';
import { compileSchema } from '../../src/models/compile-schema.js';
import type { RecipeInput } from '../../src/recipe/schema.js';
import { tempDir } from '../support/paths.js';

const EXAMPLE = 'examples/healthhub-feedback.yaml';

const remote = (models: Record<string, unknown>, columns: unknown[], records = 40): RecipeInput =>
  ({
    records,
    models,
    columns: [{ name: 'topic', kind: 'category', values: ['fees', 'forms', 'queues', 'refunds'] }, ...columns],
  }) as RecipeInput;

describe('estimateRun', () => {
  it('counts the example recipe: two calls a record, output at each column max_tokens, no cost for a local model', async () => {
    const e = await estimateRun(EXAMPLE);
    expect(e).toMatchObject({ records: 50, sampledRecords: 20, cost: 0 });
    expect(e.models).toHaveLength(1);
    // feedback: the model's max_tokens 160; triage: its own max_tokens 120.
    expect(e.models[0]).toMatchObject({ model: 'writer', engine: 'local', calls: 100, outputTokens: 50 * (160 + 120), outputTokensBound: true, cost: 0 });
    expect(e.models[0].inputTokens).toBeGreaterThan(100 * 40);
    expect(e.assumptions.join('\n')).toMatch(/measured on 20 of 50 records/);
  });

  it('scales per-record figures with the record count', async () => {
    const small = await estimateRun(EXAMPLE, { records: 10, sampleRecords: 10 });
    const big = await estimateRun(EXAMPLE, { records: 1000, sampleRecords: 10 });
    expect(big.models[0].calls).toBe(100 * small.models[0].calls);
    expect(big.models[0].inputTokens).toBe(100 * small.models[0].inputTokens);
    expect(big.sampledRecords).toBe(10);
  });

  it('makes the same calls a real run makes', async () => {
    const recipe = remote(
      { m: { engine: 'openai', model: 'gpt-4o-mini', max_tokens: 50 } },
      [
        { name: 'q', kind: 'llm-text', model: 'm', prompt: 'Ask about {{ topic }}.' },
        {
          name: 'a',
          kind: 'llm-object',
          model: 'm',
          prompt: 'Answer: {{ q }}',
          schema: { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] },
        },
      ],
      6,
    );
    const estimate = await estimateRun(recipe);
    const engine = createMockEngine({ replies: (request) => (request.schema ? '{"answer": "yes"}' : 'What are the fees?') });
    const summary = await generateRecords(recipe, { out: tempDir(), cache: false, engines: { m: engine } });
    expect(estimate.models[0].calls).toBe(engine.requests.length);
    expect(estimate.models[0].calls).toBe(summary.models[0].calls);
  });

  it('prices remote models from the bundled price data and lets the recipe override it', async () => {
    const e = await estimateRun(
      remote(
        {
          mini: { engine: 'openai', model: 'gpt-4o-mini', max_tokens: 100 },
          own: { engine: 'openai', model: 'gpt-4o-mini', max_tokens: 100, price: { input_per_million: 1, output_per_million: 2 } },
        },
        [
          { name: 'a', kind: 'llm-text', model: 'mini', prompt: 'Write about {{ topic }}.' },
          { name: 'b', kind: 'llm-text', model: 'own', prompt: 'Write about {{ topic }}.' },
        ],
      ),
    );
    const [mini, own] = e.models;
    expect(mini.price).toMatchObject({ source: 'genai-prices', matched: 'openai:gpt-4o-mini' });
    expect(mini.price!.inputPerMillion).toBeCloseTo(0.15, 6);
    expect(mini.price!.outputPerMillion).toBeCloseTo(0.6, 6);
    expect(mini.cost).toBeCloseTo((mini.inputTokens * 0.15 + mini.outputTokens * 0.6) / 1e6, 9);
    expect(own.price).toMatchObject({ source: 'recipe', inputPerMillion: 1, outputPerMillion: 2 });
    expect(own.cost).toBeCloseTo((own.inputTokens * 1 + own.outputTokens * 2) / 1e6, 9);
    expect(e.cost).toBeCloseTo(mini.cost! + own.cost!, 9);
    expect(mini.outputTokens).toBe(40 * 100);
  });

  it('states an assumption where no max_tokens bounds the output, and has no cost for an unknown server', async () => {
    const e = await estimateRun(
      remote({ m: { engine: 'openai-compatible', model: 'gpt-4o-mini', base_url: 'http://127.0.0.1:9/v1' } }, [
        { name: 'a', kind: 'llm-text', model: 'm', prompt: 'Write about {{ topic }}.' },
      ]),
      { assumedOutputTokens: 300 },
    );
    expect(e.models[0]).toMatchObject({ calls: 40, outputTokens: 40 * 300, outputTokensBound: false, cost: undefined, price: undefined });
    expect(e.cost).toBeUndefined();
    const notes = e.assumptions.join('\n');
    expect(notes).toMatch(/m: no max_tokens set, so 300 output tokens per call are assumed/);
    expect(notes).toMatch(/set models\.m\.price/);
  });

  it('counts a topic tree once per run, not per record', async () => {
    const recipe = (records: number) =>
      ({
        records,
        models: { m: { engine: 'openai', model: 'gpt-4o-mini', max_tokens: 64 } },
        columns: [
          { name: 'topic', kind: 'topic-tree', model: 'm', root: 'city services', depth: 2, breadth: 3 },
          { name: 'q', kind: 'llm-text', model: 'm', prompt: 'Ask about {{ topic.leaf }}.' },
        ],
      }) as RecipeInput;
    const e = await estimateRun(recipe(200), { sampleRecords: 5 });
    // 1 expansion of the root and 3 of its children, then one call a record.
    expect(e.models[0].calls).toBe(4 + 200);
  });

  it('leaves nothing behind in the temporary folder', async () => {
    const leftovers = () => readdirSync(tmpdir()).filter((n) => n.startsWith('synthkit-estimate-')).length;
    const before = leftovers();
    await estimateRun(EXAMPLE, { records: 2 });
    expect(leftovers()).toBe(before);
  });
});

describe('exampleOf', () => {
  it('makes values that satisfy the schemas recipes use', () => {
    const schemas = [
      {
        type: 'object',
        properties: { topic: { type: 'string', enum: ['a', 'b'] }, n: { type: 'integer', minimum: 3 }, ok: { type: 'boolean' } },
        required: ['topic', 'n', 'ok'],
      },
      {
        type: 'object',
        properties: { subtopics: { type: 'array', items: { type: 'string', minLength: 2, maxLength: 80 }, minItems: 4, maxItems: 4, uniqueItems: true } },
        required: ['subtopics'],
      },
      { type: 'array', items: { type: 'object', properties: { q: { type: 'string', minLength: 20 } }, required: ['q'] }, minItems: 2 },
      { anyOf: [{ type: 'number', exclusiveMinimum: 0 }, { type: 'string' }] },
      { type: ['string', 'null'], maxLength: 3 },
    ];
    for (const schema of schemas) {
      const validate = compileSchema(schema);
      expect(validate(exampleOf(schema)), JSON.stringify(schema)).toBe(true);
    }
  });
});
