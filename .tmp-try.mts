import { getLlama, LlamaChat, LlamaLogLevel } from 'node-llama-cpp';
const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
const model = await llama.loadModel({ modelPath: process.argv[2], gpuLayers: 0 });
const ctx = await model.createContext({ contextSize: 2048, sequences: 1, threads: Number(process.argv[3]) });
const seq = ctx.getSequence();
const chat = new LlamaChat({ contextSequence: seq, autoDisposeSequence: false });
for (const useGrammar of [false, true, false, true]) {
  const g = useGrammar ? await llama.createGrammarForJsonSchema({ type: 'object', properties: { summary: { type: 'string', maxLength: 400 } }, required: ['summary'] } as any) : undefined;
  await seq.clearHistory();
  const t0 = performance.now();
  const r = await chat.generateResponse([{ type: 'user', text: 'Write a long story about a cat.' }, { type: 'model', response: [] }], { maxTokens: 48, temperature: 0.8, seed: 1, grammar: g });
  const ms = performance.now() - t0;
  console.log(useGrammar, seq.tokenMeter.usedOutputTokens, r.metadata.stopReason, ms.toFixed(0), 'ms', (48 / ms * 1000).toFixed(1), 'tok/s');
}
