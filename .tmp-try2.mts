import { getLlama, LlamaChat, LlamaLogLevel } from 'node-llama-cpp';
const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
const model = await llama.loadModel({ modelPath: process.argv[2], gpuLayers: 0 });
const ctx = await model.createContext({ contextSize: 512, sequences: 1, threads: 1 });
const seq = ctx.getSequence();
const chat = new LlamaChat({ contextSequence: seq, autoDisposeSequence: false });
const long = 'The housing grant is available to first-time buyers. '.repeat(80);
try {
  await seq.clearHistory();
  const r = await chat.generateResponse([{ type: 'system', text: 'Answer from the passage.' }, { type: 'user', text: long + '\nQuestion: who gets the grant?' }, { type: 'model', response: [] }], { maxTokens: 16, seed: 1 });
  console.log('OVERFLOW OK?', JSON.stringify(r.response), r.metadata.stopReason, 'input evaluated', seq.tokenMeter.usedInputTokens, 'prompt tokens', model.tokenize(long).length);
} catch (e) { console.log('OVERFLOW ERR', (e as Error).message); }
// determinism with reuse
const sys = 'You are a careful writer of short product feedback. Write only the feedback. '.repeat(3);
const outs: string[][] = [[], []];
for (const reuse of [false, true]) {
  for (let i = 0; i < 3; i++) {
    if (!reuse) await seq.clearHistory();
    const before = seq.tokenMeter.usedInputTokens;
    const r = await chat.generateResponse([{ type: 'system', text: sys }, { type: 'user', text: `Feedback number ${i} about payments.` }, { type: 'model', response: [] }], { maxTokens: 24, temperature: 0.8, seed: 5 });
    outs[Number(reuse)].push(r.response);
    console.log(reuse, i, 'evaluated input', seq.tokenMeter.usedInputTokens - before);
  }
}
console.log('identical', JSON.stringify(outs[0]) === JSON.stringify(outs[1]));
