/**
 * The model paths a real user's model takes, on Gemma 3 270M (a 262,144-token vocabulary, a Gemma
 * chat format): JSON-schema grammars, reasoning kept apart from the answer, the shared-prefix reuse
 * staying reproducible, and a retrieved passage too long for the context failing with the numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directCaller } from '../../src/models/direct-caller.js';
import { generateStructured } from '../../src/models/generate-structured.js';
import { createLocalEngine } from '../../src/models/local-engine.js';
import { ModelCallError, type ModelEngine, type ModelRequest } from '../../src/models/types.js';
import { rejection } from '../support/engine-helpers.js';
import { tempDir } from '../support/paths.js';
import { realModelPath } from './fetch-real-model.js';
import { REAL_THREADS } from './real-recipe.js';

const SYSTEM = 'You write realistic app-store feedback from residents of Singapore about the HealthHub app. Write only the feedback text.';
const feedback = (feature: string): ModelRequest => ({
  messages: [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: `Write one sentence of negative feedback about the ${feature} feature.` },
  ],
  maxTokens: 40,
  temperature: 0.9,
  seed: 21,
});

describe('Gemma 3 270M through the local engine', () => {
  let engine: ModelEngine;
  beforeAll(async () => {
    engine = await createLocalEngine({ modelPath: realModelPath(), threads: REAL_THREADS, contextSize: 1024, concurrency: 1, cacheDir: tempDir() });
  });
  afterAll(async () => {
    await engine.close?.();
  });

  it('returns schema-valid objects under a grammar over the 262k-token vocabulary', async () => {
    const schema = {
      type: 'object',
      properties: { topic: { type: 'string', enum: ['usability', 'reliability', 'content', 'access', 'other'] }, summary: { type: 'string', maxLength: 120 } },
      required: ['topic', 'summary'],
    };
    const result = await generateStructured<{ topic: string; summary: string }>(directCaller(engine), {
      model: 'writer',
      messages: [{ role: 'user', content: 'Classify this app feedback: "The app logs me out every time I open my lab results."' }],
      schema,
      maxTokens: 80,
      temperature: 0.7,
      seed: 3,
      context: { idx: 0, column: 'triage' },
    });
    expect(result.ok, result.ok ? '' : result.error).toBe(true);
    if (result.ok) expect(['usability', 'reliability', 'content', 'access', 'other']).toContain(result.value.topic);
  });

  it('keeps step-by-step reasoning apart from the answer (reasoning field)', async () => {
    const result = await generateStructured<{ solution: string }>(directCaller(engine), {
      model: 'analyst',
      messages: [{ role: 'user', content: 'Challenge: long queues at polyclinics in the morning. Recommend one policy response.' }],
      schema: { type: 'object', properties: { solution: { type: 'string', maxLength: 200 } }, required: ['solution'] },
      reasoning: 'field',
      // The reasoning string may run to 2,000 characters (REASONING_MAX_LENGTH): with 200 tokens
      // this model never reached the answer (the JSON was cut mid-reasoning three times).
      maxTokens: 700,
      temperature: 0.7,
      seed: 5,
      context: { idx: 0, column: 'recommendation' },
    });
    expect(result.ok, result.ok ? '' : result.error).toBe(true);
    if (result.ok) {
      expect(result.reasoning?.trim().length).toBeGreaterThan(0);
      expect(Object.keys(result.value as object)).toEqual(['solution']);
    }
  });

  it('gives the same reply for the same request whether its prefix was evaluated fresh or reused', async () => {
    const first = await engine.generate(feedback('lab results'));
    await engine.generate(feedback('reminders')); // same system prefix, reused
    const reused = await engine.generate(feedback('lab results'));
    expect(reused.text).toBe(first.text);
    expect(reused.usage).toEqual(first.usage);
  });

  it('fails a retrieved passage too long for the context, with the sizes, instead of cutting it', async () => {
    const passage = 'First-time buyers may receive a housing grant of up to $80,000 if their household income is within the ceiling. '.repeat(60);
    const error = await rejection(
      engine.generate({ messages: [{ role: 'user', content: `${passage}\n\nQuestion: who can receive the grant?` }], maxTokens: 64, seed: 1 }),
    );
    expect(ModelCallError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/the prompt is \d+ tokens and max_tokens 64, more than the model's context of 1024 tokens/);
  });
});
