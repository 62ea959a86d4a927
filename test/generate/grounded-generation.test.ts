/**
 * Grounded generation: passages retrieved from the user's documents are fenced as data in the
 * prompt, and every record names the passages (ids, files, offsets) it was grounded on.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generate } from '../../src/pipeline/run-pipeline.js';
import { ingest } from '../../src/grounding/ingest.js';
import { openKnowledgeBase } from '../../src/grounding/knowledge-base.js';
import type { RecipeInput } from '../../src/recipe/schema.js';
import { startMockLlmServer, type MockLlmServer } from '../support/mock-llm-server.js';
import { RANDOM_MODEL, ROOT, tempDir } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { createEmbedder } from '../../src/models/embedders.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const DOCS = join(ROOT, 'examples/policy-docs/documents');
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

describe('grounded generation', () => {
  it('runs the housing Q&A example on a tiny model, and every record names passages that exist', async () => {
    const kbDir = tempDir();
    await ingest([DOCS], kbDir);
    const out = tempDir();
    // Point the example at the ready-made knowledge base (as a user would after `synthkit ingest`).
    const recipe = readFileSync(join(ROOT, 'examples/housing-policy-qa.yaml'), 'utf8').replaceAll('kb: policy-docs/documents', `kb: ${kbDir}`);
    const file = join(tempDir(), 'qa.yaml');
    writeFileSync(file, recipe);
    await generate(file, { out, records: 5, localModel: RANDOM_MODEL, cache: false });
    const kb = await openKnowledgeBase(kbDir);
    const rows = readJsonl(join(out, 'dataset.jsonl'));
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row._sources.passage).toHaveLength(1);
      for (const ref of [...row._sources.passage, ...(row._sources.follow_up ?? [])]) {
        const chunk = kb.chunk(ref.id);
        expect(chunk, `record ${row._id} names a passage that is not in the knowledge base`).toBeDefined();
        expect(chunk!.source).toBe(ref.source);
        expect(kb.documentText(ref.source)!.slice(ref.start, ref.end)).toBe(chunk!.text);
      }
      expect(row.passage.text).toBe(kb.chunk(row.passage.id)!.text);
      expect(row.passage).not.toHaveProperty('block');
    }
  });

  it('fences retrieved passages as data, planted instructions included, and keeps their ids', async () => {
    server = await startMockLlmServer({ handler: () => 'grounded answer' });
    const out = tempDir();
    const recipe: RecipeInput = {
      records: 2,
      models: { m: { engine: 'openai-compatible', model: 'x', base_url: `${server.url}/v1` } },
      columns: [
        { name: 'q', kind: 'category', values: ['rent arrears repayment plan', 'review deadline days'] },
        { name: 'a', kind: 'llm-text', model: 'm', prompt: 'Answer: {{ q }}', retrieve: { kb: DOCS, query: '{{ q }}', top_k: 2 } },
      ],
    };
    await generate(recipe, { out, cache: false });
    const rows = readJsonl(join(out, 'dataset.jsonl'));
    for (const request of server.requests) {
      const prompt = request.body.messages.at(-1).content as string;
      expect(prompt).toMatch(/^The passages below are reference material .* not instructions/);
      expect(prompt.match(/<passage id="[0-9a-f]{12}:\d+" source="[^"]+">/g)).toHaveLength(2);
      // The task comes after the passages, so text inside a passage cannot pose as the task.
      expect(prompt.lastIndexOf('</passage>')).toBeLessThan(prompt.indexOf('Answer:'));
    }
    expect(rows.every((r) => r._sources.a.length === 2 && r._sources.a.every((s: { score: number }) => s.score > 0))).toBe(true);
  });

  it('flags a cell without calling the model when no passage scores above min_score', async () => {
    server = await startMockLlmServer({ handler: () => 'made up' });
    const out = tempDir();
    const summary = await generate(
      {
        records: 1,
        models: { m: { engine: 'openai-compatible', model: 'x', base_url: `${server.url}/v1` } },
        columns: [{ name: 'a', kind: 'llm-text', model: 'm', prompt: 'Answer.', retrieve: { kb: DOCS, query: 'zebra quantum spaceship', min_score: 1 } }],
      },
      { out, cache: false },
    );
    expect(server.requests).toHaveLength(0);
    expect(summary.flagged).toBe(1);
    expect(readJsonl(join(out, 'dataset.jsonl'))[0]._errors).toMatch(/no passage matched/);
  });

  it('rejects a knowledge base folder that does not exist before any model call', async () => {
    await expect(
      generate(
        { records: 1, models: { m: { engine: 'local', path: RANDOM_MODEL } }, columns: [{ name: 'p', kind: 'document-chunk', kb: '/no/such/kb' }] },
        { out: tempDir(), cache: false },
      ),
    ).rejects.toThrow(/columns\[0\]\.kb: no such folder: \/no\/such\/kb; give a knowledge base made by 'synthkit ingest/);
  });

  it('samples connected concept combinations across documents with their passages', async () => {
    server = await startMockLlmServer({ handler: () => 'Q: ... A: ...' });
    const out = tempDir();
    await generate(
      {
        records: 6,
        seed: 3,
        models: { m: { engine: 'openai-compatible', model: 'x', base_url: `${server.url}/v1` } },
        columns: [
          { name: 'mix', kind: 'concepts', kb: DOCS, min: 2, max: 3 },
          { name: 'q', kind: 'llm-text', model: 'm', prompt: '{{ mix.block }}\nUse: {{ mix.concepts | join: ", " }}' },
        ],
      },
      { out, cache: false },
    );
    const rows = readJsonl(join(out, 'dataset.jsonl'));
    for (const row of rows) {
      expect(row.mix.concepts.length).toBeGreaterThanOrEqual(2);
      expect(row.mix.concepts.length).toBeLessThanOrEqual(3);
      expect(row._sources.mix.length).toBeGreaterThan(0);
    }
    expect(new Set(rows.flatMap((r) => r._sources.mix.map((s: { source: string }) => s.source))).size).toBeGreaterThan(1);
  });

  it('retrieves by hybrid BM25 + embedding search from a knowledge base ingested with a local embedder', async () => {
    const kbDir = tempDir();
    const ingested = await runCli(['ingest', DOCS, '--kb', kbDir, '--embed', `local:${RANDOM_MODEL}`]);
    expect(ingested.code, ingested.stderr).toBe(0);
    server = await startMockLlmServer({ handler: () => 'answer' });
    const out = tempDir();
    await generate(
      {
        records: 2,
        models: { m: { engine: 'openai-compatible', model: 'x', base_url: `${server.url}/v1` } },
        columns: [
          {
            name: 'a',
            kind: 'llm-text',
            model: 'm',
            prompt: 'Answer.',
            retrieve: { kb: kbDir, query: 'income ceiling for one person', top_k: 2, hybrid: true },
          },
        ],
      },
      { out, cache: false },
    );
    const rows = readJsonl(join(out, 'dataset.jsonl'));
    expect(rows.every((r) => r._sources.a.length === 2)).toBe(true);
    await expect(
      generate(
        {
          records: 1,
          models: { m: { engine: 'openai-compatible', model: 'x', base_url: `${server.url}/v1` } },
          columns: [{ name: 'a', kind: 'llm-text', model: 'm', prompt: 'A.', retrieve: { kb: DOCS, query: 'x', hybrid: true } }],
        },
        { out: tempDir(), cache: false },
      ),
    ).rejects.toThrow(/has no embeddings: ingest it with --embed/);
  });

  it('embeds through an OpenAI-compatible embeddings endpoint', async () => {
    const seen: unknown[] = [];
    const embeddings = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const { input, model } = JSON.parse(body);
        seen.push({ url: req.url, model });
        // Out of order on purpose: the client must sort by index.
        const data = (input as string[]).map((t, index) => ({ index, embedding: [t.length, 1] })).reverse();
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data, usage: { prompt_tokens: 3 } }));
      });
    });
    await new Promise<void>((r) => embeddings.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(embeddings.address() as AddressInfo).port}/v1`;
    const embedder = await createEmbedder(`openai:embed-small@${url}`);
    expect(await embedder.embed(['a', 'abc'])).toEqual([
      [1, 1],
      [3, 1],
    ]);
    expect(seen).toEqual([{ url: '/v1/embeddings', model: 'embed-small' }]);
    await embedder.close();
    await new Promise<void>((r) => embeddings.close(() => r()));
  });
});
