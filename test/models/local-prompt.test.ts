/**
 * The local engine's prompt handling (local-prompt.ts) on the tiny story model: a shared prompt
 * prefix is evaluated once per sequence and reused, without changing any reply; a prompt that does
 * not fit the context fails with the numbers rather than being cut silently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEngine } from '../../src/models/local-engine.js';
import { loadPrefix, promptTokens, reusablePrefix, type SequencePrefix } from '../../src/models/local-prompt.js';
import { ModelCallError, type ModelEngine, type ModelRequest } from '../../src/models/types.js';
import { STORIES_MODEL, tempDir } from '../support/paths.js';
import { rejection } from '../support/engine-helpers.js';

const SYSTEM = 'Once upon a time there was a little girl named Lily. She loved to play in the park with her dog. '.repeat(3);
const ask = (animal: string, seed = 3): ModelRequest => ({
  messages: [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: `One day she saw a ${animal}.` },
  ],
  maxTokens: 24,
  temperature: 0.8,
  seed,
});

describe('local engine prompt prefix and context', () => {
  let engine: ModelEngine;
  beforeAll(async () => {
    engine = await createLocalEngine({ modelPath: STORIES_MODEL, threads: 1, contextSize: 256, concurrency: 1, cacheDir: tempDir() });
  });
  afterAll(async () => {
    await engine.close?.();
  });

  it('gives the same reply and usage whether the prefix is fresh or reused from the KV cache', async () => {
    const first = await engine.generate(ask('cat')); // fresh sequence: evaluates the prefix
    await engine.generate(ask('dog', 9)); // same prefix, reused; another tail and reply
    const again = await engine.generate(ask('cat')); // reused prefix
    await engine.generate({ messages: [{ role: 'user', content: 'The sun was hot.' }], maxTokens: 8, seed: 1 }); // another prefix
    const afterOther = await engine.generate(ask('cat')); // prefix evaluated afresh
    expect(again.text).toBe(first.text);
    expect(afterOther.text).toBe(first.text);
    expect(again.usage).toEqual(first.usage);
    expect(first.usage.inputTokens).toBeGreaterThan(60);
  });

  it('fails a prompt longer than the context, naming the sizes and the fix', async () => {
    const long = 'She ran to the big tree and looked up at the bird. '.repeat(40);
    const error = await rejection(engine.generate({ messages: [{ role: 'user', content: long }], maxTokens: 16, seed: 1 }));
    expect(ModelCallError.isInstance(error)).toBe(true);
    expect((error as ModelCallError).retryable).toBe(false);
    expect(error.message).toMatch(/the prompt is \d+ tokens and max_tokens 16, more than the model's context of 256 tokens/);
    expect(error.message).toContain('retrieved passages');
    // The engine still works after the refusal.
    expect((await engine.generate(ask('cat'))).text.length).toBeGreaterThan(0);
  });

  it('evaluates the prefix (system text and earlier turns) once and reuses it', async () => {
    const { getLlama, LlamaChat, LlamaLogLevel } = await import('node-llama-cpp');
    const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
    const model = await llama.loadModel({ modelPath: STORIES_MODEL, gpuLayers: 0 });
    const context = await model.createContext({ contextSize: 256, sequences: 1, threads: 1 });
    try {
      const seq = context.getSequence();
      const chat = new LlamaChat({ contextSequence: seq, autoDisposeSequence: false });
      const history = (animal: string) => [
        { type: 'system' as const, text: SYSTEM },
        { type: 'user' as const, text: `One day she saw a ${animal}.` },
        { type: 'model' as const, response: [] },
      ];
      const full = promptTokens(chat, history('cat'));
      const prefix = reusablePrefix(chat, history('cat'), full);
      expect(prefix.length).toBeGreaterThan(60);
      expect(prefix.length).toBeLessThan(full.length);
      expect(reusablePrefix(chat, history('dog'), promptTokens(chat, history('dog')))).toEqual(prefix);
      const state: SequencePrefix = {};
      expect(await loadPrefix(seq, state, prefix)).toBe(false);
      const evaluated = seq.tokenMeter.usedInputTokens;
      await chat.generateResponse(history('cat'), { maxTokens: 4, seed: 1 });
      expect(await loadPrefix(seq, state, prefix)).toBe(true);
      expect(seq.nextTokenIndex).toBe(prefix.length);
      // Only the tail was evaluated (the meter may count the last prompt token as generation's).
      expect(seq.tokenMeter.usedInputTokens - evaluated).toBeGreaterThanOrEqual(full.length - prefix.length - 1);
      expect(seq.tokenMeter.usedInputTokens - evaluated).toBeLessThanOrEqual(full.length - prefix.length);
      // Another prefix: the sequence is cleared and the new one evaluated.
      expect(await loadPrefix(seq, state, prefix.slice(0, 10))).toBe(false);
      expect(seq.nextTokenIndex).toBe(10);
    } finally {
      await context.dispose();
      await model.dispose();
    }
  });
});
