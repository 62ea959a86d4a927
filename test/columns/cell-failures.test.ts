import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateRecords, resumeRecords } from '../../src/generate/generate.js';
import type { RecipeInput } from '../../src/recipe/schema.js';
import { startMockLlmServer, type MockHandler, type MockLlmServer } from '../support/mock-llm-server.js';
import { tempDir } from '../support/paths.js';
import { readJsonl, storedCells } from '../support/run-fixtures.js';

const lastUser = (body: any): string => body.messages.filter((m: any) => m.role === 'user').at(-1).content;

let server: MockLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(handler?: MockHandler) {
  server = await startMockLlmServer({ handler });
  return { m: { engine: 'openai-compatible' as const, model: 'x', base_url: `${server.url}/v1`, concurrency: 1 } };
}

describe('a cell whose inputs failed', () => {
  const recipe = (models: RecipeInput['models']): RecipeInput => ({
    records: 1,
    models,
    columns: [
      { name: 'a', kind: 'llm-text', model: 'm', prompt: 'Write A.' },
      // Bare values (no data fence), so the prompts below read as written.
      { name: 'b', kind: 'llm-text', model: 'm', prompt: 'Reply to: {{ c }}', fence_data: false },
      { name: 'c', kind: 'expression', template: '{{ a }}!' },
      { name: 'd', kind: 'llm-text', model: 'm', prompt: 'Independent.' },
    ],
    generation: { concurrency: 1 },
  });

  it('is flagged input_failed, naming the input, and never sent', async () => {
    const models = await start();
    server!.enqueue({ status: 400, errorMessage: 'bad request' });
    const out = tempDir();
    const summary = await generateRecords(recipe(models), { out, cache: false });
    expect(summary.valid).toBe(0);
    // a failed; b (through c) was not sent; d does not read a and was.
    expect(server!.requests.map((r) => lastUser(r.body))).toEqual(['Write A.', 'Independent.']);
    const [row] = readJsonl(join(out, 'dataset.jsonl'));
    expect(row._errors).toMatch(/^a: model call failed/);
    expect(row._errors).toContain("c: input_failed: column 'a' has no usable value");
    expect(row._errors).toContain("b: input_failed: column 'c' has no usable value");
    expect(row.d).toBe('echo: Independent.');
    expect(
      storedCells(out)
        .filter((c) => c.reason === 'input_failed')
        .map((c) => c.col),
    ).toEqual(['b', 'c']);
    expect(summary.failures).toEqual(expect.arrayContaining([expect.objectContaining({ column: 'b', reason: 'input_failed', count: 1 })]));
  });

  it('is computed, with its failed input, when the run is resumed', async () => {
    const models = await start();
    server!.enqueue({ status: 400, errorMessage: 'bad request' });
    const out = tempDir();
    await generateRecords(recipe(models), { out, cache: false });
    expect(server!.requests).toHaveLength(2);

    const summary = await resumeRecords(out, { cache: false });
    expect(summary.valid).toBe(1);
    // a is asked again (not reused from the store), then b; d succeeded and is reused.
    expect(server!.requests.slice(2).map((r) => lastUser(r.body))).toEqual(['Write A.', 'Reply to: echo: Write A.!']);
    const [row] = readJsonl(join(out, 'dataset.jsonl'));
    expect(row).toMatchObject({ a: 'echo: Write A.', c: 'echo: Write A.!', b: 'echo: Reply to: echo: Write A.!', _valid: true, _errors: '' });
    expect(storedCells(out).every((c) => c.ok === 1)).toBe(true);
  });
});

describe('a topic-tree node the model could not expand', () => {
  const recipe = (models: RecipeInput['models']): RecipeInput => ({
    records: 6,
    models,
    columns: [
      { name: 'topic', kind: 'topic-tree', model: 'm', root: 'vaccines', depth: 2, breadth: 2 },
      { name: 'out', kind: 'llm-text', model: 'm', prompt: 'Write about {{ topic.path }}.' },
    ],
  });
  // Subtopics for every node but `failing`, whose replies never have the two subtopics asked for.
  const expand =
    (failing: string): MockHandler =>
    (body) => {
      if (!body.response_format) return 'passage';
      const parent = /subtopics of "([^"]+)"/.exec(body.messages.find((m: any) => m.role === 'user').content)![1];
      return parent === failing ? { subtopics: ['just one'] } : { subtopics: [`${parent}/x`, `${parent}/y`] };
    };

  it('flags the records that get it, with a reason, and sends nothing for them', async () => {
    const out = tempDir();
    const summary = await generateRecords(recipe(await start(expand('vaccines/y'))), { out, cache: false });
    const rows = readJsonl(join(out, 'dataset.jsonl'));
    const flagged = rows.filter((r) => r.topic.leaf === 'vaccines/y');
    expect(flagged).toHaveLength(2);
    for (const row of flagged) {
      expect(row._valid).toBe(false);
      expect(row._errors).toMatch(/^topic: topic_unexpanded: "vaccines > vaccines\/y" could not be expanded into subtopics \(.*\); out: input_failed/);
    }
    expect(rows.filter((r) => r._valid)).toHaveLength(4);
    expect(server!.requests.filter((r) => !r.body.response_format && lastUser(r.body).includes('vaccines/y'))).toHaveLength(0);
    // Visible in the run: the summary's failures and the tree written beside the dataset.
    expect(summary.failures).toEqual(expect.arrayContaining([expect.objectContaining({ column: 'topic', reason: 'topic_unexpanded', count: 2 })]));
    const tree = JSON.parse(readFileSync(join(out, 'topic-tree-topic.json'), 'utf8'));
    expect(tree.unexpanded.map((u: { path: string[] }) => u.path)).toContainEqual(['vaccines', 'vaccines/y']);
  });

  it('flags every record, not one of them valid, when the root could not be expanded', async () => {
    const out = tempDir();
    const summary = await generateRecords(recipe(await start(expand('vaccines'))), { out, cache: false });
    expect(summary.valid).toBe(0);
    expect(summary.flagged).toBe(6);
    for (const row of readJsonl(join(out, 'dataset.jsonl'))) expect(row._errors).toContain('topic: topic_unexpanded: "vaccines"');
    expect(server!.requests.every((r) => r.body.response_format)).toBe(true);
  });
});

describe('a joint column', () => {
  it('balances over the records the run asks for, also when --records overrides the recipe', async () => {
    const out = tempDir();
    const summary = await generateRecords(
      {
        records: 4,
        columns: [{ name: 'mix', kind: 'joint', dimensions: { audience: { values: ['kids', 'adults'] }, style: { values: ['story', 'faq'] } } }],
      },
      { out, records: 8, cache: false },
    );
    expect(summary.records).toBe(8);
    const counts = new Map<string, number>();
    for (const r of readJsonl(join(out, 'dataset.jsonl')))
      counts.set(`${r.mix.audience}|${r.mix.style}`, (counts.get(`${r.mix.audience}|${r.mix.style}`) ?? 0) + 1);
    expect([...counts.values()]).toEqual([2, 2, 2, 2]);
  });
});
