import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateRecords } from '../../src/generate/generate.js';
import { repairInstruction } from '../../src/models/parse-reply.js';
import type { RecipeInput } from '../../src/recipe/schema.js';
import { startMockLlmServer, type MockHandler, type MockLlmServer } from '../support/mock-llm-server.js';
import { ROOT, tempDir } from '../support/paths.js';
import { readJsonl, storedCells } from '../support/run-fixtures.js';

const DOCS = join(ROOT, 'examples/policy-docs/documents');

let server: MockLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(handler?: MockHandler) {
  server = await startMockLlmServer({ handler });
  return { m: { engine: 'openai-compatible' as const, model: 'x', base_url: `${server.url}/v1`, concurrency: 1 } };
}

describe('a failed LLM cell', () => {
  const schema = { type: 'object', properties: { score: { type: 'integer' } }, required: ['score'] };

  it('is stored with the reason invalid_reply after max_repairs repairs, keeping the last reply', async () => {
    const models = await start(() => ({ score: 'high' }));
    const out = tempDir();
    const summary = await generateRecords(
      { records: 1, models, columns: [{ name: 'meta', kind: 'llm-object', model: 'm', prompt: 'Score it.', schema }], generation: { max_repairs: 1 } },
      { out, cache: false },
    );
    expect(server!.requests).toHaveLength(2);
    // The repair shows the model its reply and why it failed.
    const repair = server!.requests[1].body.messages;
    expect(repair.at(-2)).toMatchObject({ role: 'assistant', content: '{"score":"high"}' });
    expect(repair.at(-1).content).toBe(repairInstruction('the JSON does not match the schema: /score must be integer', schema));
    expect(storedCells(out)).toEqual([
      expect.objectContaining({
        col: 'meta',
        ok: 0,
        reason: 'invalid_reply',
        raw: '{"score":"high"}',
        attempts: 2,
        error: expect.stringMatching(/\(after 2 attempts\)$/),
      }),
    ]);
    expect(summary.failures).toEqual([expect.objectContaining({ column: 'meta', reason: 'invalid_reply', count: 1 })]);
  });

  it('is stored with the reason call_failed when the call fails after its retries', async () => {
    const models = await start();
    server!.enqueue({ status: 400, errorMessage: 'bad request' });
    const out = tempDir();
    const summary = await generateRecords(
      { records: 1, models, columns: [{ name: 'a', kind: 'llm-text', model: 'm', prompt: 'Write A.' }] },
      { out, cache: false },
    );
    expect(storedCells(out)).toEqual([expect.objectContaining({ col: 'a', ok: 0, reason: 'call_failed', error: expect.stringMatching(/^model call failed/) })]);
    expect(summary.failures).toEqual([expect.objectContaining({ column: 'a', reason: 'call_failed', count: 1 })]);
  });

  it('is stored with the reason no_passage when retrieval finds nothing above min_score', async () => {
    const models = await start();
    const out = tempDir();
    const summary = await generateRecords(
      {
        records: 1,
        models,
        columns: [{ name: 'a', kind: 'llm-text', model: 'm', prompt: 'Answer.', retrieve: { kb: DOCS, query: 'zebra quantum spaceship', min_score: 1 } }],
      },
      { out, cache: false },
    );
    expect(server!.requests).toHaveLength(0);
    expect(storedCells(out)).toEqual([expect.objectContaining({ col: 'a', ok: 0, reason: 'no_passage', attempts: 0 })]);
    expect(summary.failures).toEqual([expect.objectContaining({ column: 'a', reason: 'no_passage', count: 1 })]);
  });
});

describe('a conversation turn', () => {
  const column = {
    name: 'chat',
    kind: 'llm-conversation' as const,
    model: 'm',
    turns: 1,
    scenario: 'Billing.',
    user: 'You are a customer.',
    assistant: 'You are an agent.',
  };

  it('is asked again with the reason when empty, within max_repairs, then flagged invalid_reply', async () => {
    // The user side answers; the assistant side never does.
    const models = await start((body) => (body.messages[0].content.startsWith('You are a customer') ? 'Hello?' : ''));
    const out = tempDir();
    const summary = await generateRecords({ records: 1, models, columns: [column], generation: { max_repairs: 2 } }, { out, cache: false });
    expect(server!.requests).toHaveLength(4);
    const seeds = server!.requests.slice(1).map((r) => r.body.seed);
    expect(new Set(seeds).size).toBe(3);
    expect(server!.requests[2].body.messages.slice(-2)).toEqual([
      { role: 'assistant', content: '' },
      { role: 'user', content: repairInstruction('the reply was empty') },
    ]);
    expect(storedCells(out)).toEqual([
      expect.objectContaining({
        col: 'chat',
        ok: 0,
        reason: 'invalid_reply',
        attempts: 4,
        error: 'turn 2 (assistant): the reply was empty (after 3 attempts)',
      }),
    ]);
    expect(JSON.parse(storedCells(out)[0].raw!)).toEqual([{ role: 'user', content: 'Hello?' }]);
    expect(summary.failures).toEqual([expect.objectContaining({ column: 'chat', reason: 'invalid_reply' })]);
  });

  it('is flagged call_failed when its call fails', async () => {
    const models = await start();
    server!.enqueue({ status: 400, errorMessage: 'bad request' });
    const out = tempDir();
    await generateRecords({ records: 1, models, columns: [column] }, { out, cache: false });
    expect(storedCells(out)).toEqual([
      expect.objectContaining({ col: 'chat', ok: 0, reason: 'call_failed', error: expect.stringMatching(/^model call failed/) }),
    ]);
  });
});

describe('a topic-tree expansion', () => {
  const recipe = (models: RecipeInput['models'], maxRepairs?: number): RecipeInput => ({
    records: 2,
    models,
    columns: [{ name: 'topic', kind: 'topic-tree', model: 'm', root: 'vaccines', depth: 1, breadth: 2 }],
    ...(maxRepairs === undefined ? {} : { generation: { max_repairs: maxRepairs } }),
  });
  const never: MockHandler = () => ({ subtopics: ['just one'] });

  it('asks again up to the recipe max_repairs (DEFAULT_MAX_REPAIRS by default)', async () => {
    await generateRecords(recipe(await start(never), 0), { out: tempDir(), cache: false });
    expect(server!.requests).toHaveLength(1);
    await server!.close();

    await generateRecords(recipe(await start(never), 4), { out: tempDir(), cache: false });
    expect(server!.requests).toHaveLength(5);
    await server!.close();

    const out = tempDir();
    await generateRecords(recipe(await start(never)), { out, cache: false });
    expect(server!.requests).toHaveLength(3);
    const tree = JSON.parse(readFileSync(join(out, 'topic-tree-topic.json'), 'utf8'));
    expect(tree.unexpanded).toEqual([{ path: ['vaccines'], reason: expect.stringMatching(/must NOT have fewer than 2 items \(after 3 attempts\)$/) }]);
    for (const row of readJsonl(join(out, 'dataset.jsonl'))) expect(row._errors).toContain('topic: topic_unexpanded');
  });

  it('stops the run before any record when a call fails after its retries', async () => {
    const models = await start();
    server!.enqueue({ status: 400, errorMessage: 'bad request' });
    const out = tempDir();
    await expect(generateRecords(recipe(models), { out, cache: false })).rejects.toThrow(/topic tree 'topic': expanding "vaccines": model call failed/);
  });
});
