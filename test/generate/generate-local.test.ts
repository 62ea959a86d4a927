import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, resume } from '../../src/pipeline/run-pipeline.js';
import type { RecipeInput } from '../../src/recipe/schema.js';
import { RANDOM_MODEL, STORIES_MODEL, tempDir } from '../support/paths.js';

const readJsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

function recipe(modelPath: string, records = 6): RecipeInput {
  return {
    records,
    seed: 11,
    models: { tiny: { engine: 'local', path: modelPath, threads: 1, context_size: 512, max_tokens: 40, concurrency: 1 } },
    columns: [
      { name: 'animal', kind: 'category', values: ['cat', 'dog', 'bird'] },
      { name: 'age', kind: 'integer', min: 2, max: 9 },
      { name: 'story', kind: 'llm-text', model: 'tiny', logprobs: true, prompt: 'Once upon a time there was a {{ animal }} who was {{ age }} years old.' },
      {
        name: 'card',
        kind: 'llm-object',
        model: 'tiny',
        max_tokens: 60,
        prompt: 'Describe the {{ animal }} as JSON.',
        schema: {
          type: 'object',
          properties: { name: { type: 'string', maxLength: 12 }, mood: { type: 'string', enum: ['happy', 'sad', 'calm'] } },
          required: ['name', 'mood'],
        },
      },
    ],
  };
}

describe.each([
  ['stories260k', STORIES_MODEL],
  ['llama-2-tiny-random', RANDOM_MODEL],
])('generation on the %s model', (_name, modelPath) => {
  it('writes every record with plain text and schema-valid objects, reproducibly', async () => {
    const a = tempDir();
    const b = tempDir();
    const cacheDir = tempDir();
    const summary = await generate(recipe(modelPath), { out: a, cache: false, cacheDir });
    expect(summary.records).toBe(6);
    const rows = readJsonl(join(a, 'dataset.jsonl'));
    expect(rows.map((r) => r._id)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const row of rows) {
      expect(['cat', 'dog', 'bird']).toContain(row.animal);
      // Token log-probabilities of the reply: negative, the minimum below the mean.
      expect(row._logprobs.story.mean).toBeLessThan(0);
      expect(row._logprobs.story.min).toBeLessThanOrEqual(row._logprobs.story.mean);
      expect(typeof row.story).toBe('string');
      if (row._valid) {
        expect(['happy', 'sad', 'calm']).toContain(row.card.mood);
        expect(row.card.name.length).toBeLessThanOrEqual(12);
      } else {
        expect(row._errors).not.toBe('');
      }
    }
    expect(summary.models[0].inputTokens).toBeGreaterThan(0);
    expect(summary.models[0].outputTokens).toBeGreaterThan(0);

    // Same seed, fresh run directory, cache off: the local engine is seeded, so the data is identical.
    // (One sequence: with parallel sequences llama.cpp's batching can change low-order float bits.)
    await generate(recipe(modelPath), { out: b, cache: false, cacheDir });
    expect(readFileSync(join(b, 'dataset.jsonl'), 'utf8')).toBe(readFileSync(join(a, 'dataset.jsonl'), 'utf8'));
  });
});

describe('cache and resume', () => {
  it('a re-run with the same seed is served from the shared cache at no cost', async () => {
    const cacheDir = tempDir();
    const first = await generate(recipe(STORIES_MODEL, 4), { out: tempDir(), cacheDir });
    const second = await generate(recipe(STORIES_MODEL, 4), { out: tempDir(), cacheDir });
    expect(first.models[0].cachedCalls).toBe(0);
    expect(second.models[0].cachedCalls).toBe(second.models[0].calls);
    expect(second.models[0].inputTokens).toBe(0);
    expect(second.models[0].outputTokens).toBe(0);
  });

  it('resume of a finished run changes nothing and calls no model', async () => {
    const dir = tempDir();
    const first = await generate(recipe(STORIES_MODEL, 3), { out: dir, cache: false, cacheDir: tempDir() });
    const before = readFileSync(join(dir, 'dataset.jsonl'), 'utf8');
    const again = await resume(dir, { cacheDir: tempDir() });
    expect(readFileSync(join(dir, 'dataset.jsonl'), 'utf8')).toBe(before);
    expect(again.models).toEqual(first.models);
  });

  it('refuses to reuse a run directory for a different recipe', async () => {
    const dir = tempDir();
    await generate(recipe(STORIES_MODEL, 2), { out: dir, cache: false, cacheDir: tempDir() });
    await expect(generate(recipe(STORIES_MODEL, 3), { out: dir, cache: false, cacheDir: tempDir() })).rejects.toThrow(/different recipe/);
  });
});
