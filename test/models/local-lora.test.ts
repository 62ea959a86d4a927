import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createLocalEngine } from '../../src/models/local-engine.js';
import type { ModelEngine } from '../../src/models/types.js';
import { localModelSchema } from '../../src/models/model-config.js';
import { STORIES_MODEL, tempDir } from '../support/paths.js';
import { llamaWeights, writeLoraAdapterGguf } from '../support/write-lora-gguf.js';

// stories260k: 5 blocks, embedding 64, 4 KV heads of 8 (kv dim 32), feed-forward 172.
const dir = tempDir('synthkit-lora-');
const adapter = join(dir, 'adapter.gguf');
writeLoraAdapterGguf(adapter, { architecture: 'llama', weights: llamaWeights(5, 64, 32, 172), rank: 4 });

const engines: ModelEngine[] = [];
afterAll(async () => {
  for (const e of engines) await e.close?.();
});

async function reply(lora?: { path: string; scale?: number }[]) {
  const engine = await createLocalEngine({ modelPath: STORIES_MODEL, threads: 1, contextSize: 256, lora, cacheDir: dir });
  engines.push(engine);
  const response = await engine.generate({ messages: [{ role: 'user', content: 'Once upon a time' }], maxTokens: 24, temperature: 0, seed: 1 });
  return { text: response.text, id: engine.id };
}

describe('local model with LoRA adapters', () => {
  it('an adapter changes the output, and scale 0 restores the base model', async () => {
    const base = await reply();
    const adapted = await reply([{ path: adapter, scale: 1 }]);
    const off = await reply([{ path: adapter, scale: 0 }]);
    expect(base.text.length).toBeGreaterThan(0);
    expect(adapted.text).not.toBe(base.text);
    expect(off.text).toBe(base.text);
    // The cache identity changes with the adapter and its scale, so cached base replies are never served for it.
    expect(new Set([base.id, adapted.id, off.id]).size).toBe(3);
  }, 30_000);

  it('names the model field when an adapter file is missing', async () => {
    await expect(
      createLocalEngine({ modelPath: STORIES_MODEL, threads: 1, label: 'writer', lora: [{ path: join(dir, 'nope.gguf') }], cacheDir: dir }),
    ).rejects.toThrow(/LoRA adapter not found: .*nope.gguf \(models.writer.lora\[0\].path\)/);
  });

  it('is part of the local model config', () => {
    expect(localModelSchema.parse({ engine: 'local', path: 'm.gguf', lora: [{ path: 'a.gguf', scale: 0.5 }] }).lora).toEqual([{ path: 'a.gguf', scale: 0.5 }]);
    expect(() => localModelSchema.parse({ engine: 'local', lora: [{ file: 'a.gguf' }] })).toThrow();
  });
});
