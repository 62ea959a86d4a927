/**
 * Local engine: output tokens/s through synthkit (recipe -> engine -> store) versus calling
 * node-llama-cpp directly with the same model, prompts and settings, one sequence, one thread.
 */
import { getLlama, LlamaChat, LlamaLogLevel } from 'node-llama-cpp';
import { join } from 'node:path';
import { generate } from '../dist/pipeline/run-pipeline.js';
import { print, ROOT, tempDir } from './support.js';

const MODEL = join(ROOT, 'test/fixtures/models/stories260k.gguf');
const N = Number(process.argv[2] ?? 40);
const MAX_TOKENS = 200;
const prompts = Array.from({ length: N }, (_, i) => `Once upon a time there was a little fox number ${i}.`);

async function direct(): Promise<number> {
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath: MODEL, gpuLayers: 0 });
  const context = await model.createContext({ contextSize: 512, sequences: 1, threads: 1 });
  const seq = context.getSequence();
  let tokens = 0;
  const started = performance.now();
  for (let i = 0; i < N; i++) {
    await seq.clearHistory();
    const before = seq.tokenMeter.usedOutputTokens;
    const chat = new LlamaChat({ contextSequence: seq, autoDisposeSequence: false });
    await chat.generateResponse(
      [
        { type: 'user', text: prompts[i] },
        { type: 'model', response: [] },
      ],
      { maxTokens: MAX_TOKENS, temperature: 0.8, seed: i },
    );
    tokens += seq.tokenMeter.usedOutputTokens - before;
  }
  const seconds = (performance.now() - started) / 1000;
  await context.dispose();
  await model.dispose();
  return tokens / seconds;
}

async function throughSynthkit(): Promise<number> {
  const summary = await generate(
    {
      records: N,
      models: { tiny: { engine: 'local', path: MODEL, threads: 1, context_size: 512, concurrency: 1, max_tokens: MAX_TOKENS, temperature: 0.8 } },
      columns: [
        { name: 'i', kind: 'integer', min: 0, max: 1000 },
        { name: 'story', kind: 'llm-text', model: 'tiny', prompt: 'Once upon a time there was a little fox number {{ i }}.' },
      ],
      generation: { concurrency: 1 },
      cache: false,
    },
    { out: tempDir() },
  );
  // Model loading and file writing are outside the direct loop's timing too.
  return summary.models[0].outputTokens / (summary.timings.generateMs / 1000);
}

// Alternate to spread machine noise over both sides.
const directRates = [await direct()];
const oursRates = [await throughSynthkit()];
directRates.push(await direct());
oursRates.push(await throughSynthkit());
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
print('local.records', N);
print('local.direct_node_llama_cpp_tokens_per_s', Math.round(mean(directRates)));
print('local.synthkit_tokens_per_s', Math.round(mean(oursRates)));
print('local.ratio_synthkit_to_direct (target >= 0.9)', mean(oursRates) / mean(directRates));
