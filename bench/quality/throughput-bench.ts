/**
 * Throughput on the real model (Gemma 3 270M, CPU): output tokens/s through synthkit's local
 * engine against node-llama-cpp directly, same prompts and settings, with 1, 2 and 4 parallel
 * sequences. Every prompt starts with the same instructions (as every record of a column does);
 * the direct loop clears each sequence before a call (what synthkit did before local-prompt.ts),
 * synthkit evaluates the shared prefix once per sequence and reuses it from the KV cache.
 *
 * Usage: npm run bench:throughput -- [prompts per setting, default 8]
 */
import { getLlama, LlamaChat, LlamaLogLevel } from 'node-llama-cpp';
import { createLocalEngine } from '../../src/models/local-engine.js';
import { fetchRealModel } from '../../test/real/fetch-real-model.js';
import { print } from '../support.js';

const N = Number(process.argv[2] ?? 8);
const MAX_TOKENS = 32;
const THREADS = Number(process.env.SYNTHKIT_REAL_THREADS ?? 1);
const MODEL = await fetchRealModel((l) => process.stderr.write(`${l}\n`));
const SYSTEM = [
  'You write realistic app-store feedback from residents of Singapore about the HealthHub app.',
  'Write only the feedback text, in plain English, without greetings, signatures or lists.',
  'Mention the feature by name, describe one concrete experience, and keep a consistent tone.',
  'Do not include any real names, phone numbers, NRIC numbers, addresses or email addresses.',
  'Vary sentence length and vocabulary; avoid starting with "I" and avoid marketing language.',
]
  .join(' ')
  .repeat(3);
const FEATURES = ['rescheduling', 'queue status', 'reminders', 'lab results', 'medication list', 'bill payment', 'video quality', 'e-prescription'];
const prompts = Array.from({ length: N }, (_, i) => `Write two sentences of feedback about the ${FEATURES[i % FEATURES.length]} feature (request ${i}).`);

async function pool<T>(width: number, items: T[], fn: (item: T, i: number, worker: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async (_, w) => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i, w);
      }
    }),
  );
}

async function direct(parallel: number): Promise<{ tps: number; promptTokens: number }> {
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath: MODEL, gpuLayers: 0 });
  const context = await model.createContext({ contextSize: 1024, sequences: parallel, threads: THREADS });
  const seqs = Array.from({ length: parallel }, () => context.getSequence());
  let out = 0;
  let evaluated = 0;
  const started = performance.now();
  await pool(parallel, prompts, async (prompt, i, w) => {
    const seq = seqs[w]!;
    await seq.clearHistory();
    const before = { in: seq.tokenMeter.usedInputTokens, out: seq.tokenMeter.usedOutputTokens };
    const chat = new LlamaChat({ contextSequence: seq, autoDisposeSequence: false });
    await chat.generateResponse(
      [
        { type: 'system', text: SYSTEM },
        { type: 'user', text: prompt },
        { type: 'model', response: [] },
      ],
      { maxTokens: MAX_TOKENS, temperature: 0.8, seed: i },
    );
    out += seq.tokenMeter.usedOutputTokens - before.out;
    evaluated += seq.tokenMeter.usedInputTokens - before.in;
  });
  const seconds = (performance.now() - started) / 1000;
  await context.dispose();
  await model.dispose();
  return { tps: out / seconds, promptTokens: evaluated / N };
}

async function synthkit(parallel: number): Promise<{ tps: number; promptTokens: number }> {
  const engine = await createLocalEngine({ modelPath: MODEL, threads: THREADS, concurrency: parallel, contextSize: 1024 });
  let out = 0;
  let prompt = 0;
  const started = performance.now();
  await pool(parallel, prompts, async (text, i) => {
    const reply = await engine.generate({
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: text },
      ],
      maxTokens: MAX_TOKENS,
      temperature: 0.8,
      seed: i,
    });
    out += reply.usage.outputTokens;
    prompt += reply.usage.inputTokens;
  });
  const seconds = (performance.now() - started) / 1000;
  await engine.close?.();
  return { tps: out / seconds, promptTokens: prompt / N };
}

print('model', MODEL);
print('threads', THREADS);
print('prompts per setting', N);
for (const parallel of [1, 2, 4]) {
  const d = await direct(parallel);
  const s = await synthkit(parallel);
  print(`sequences ${parallel}: node-llama-cpp direct (cleared each call) tokens/s`, d.tps);
  print(`sequences ${parallel}: node-llama-cpp direct prompt tokens evaluated per call`, d.promptTokens);
  print(`sequences ${parallel}: synthkit (shared prefix reused) tokens/s`, s.tps);
  print(`sequences ${parallel}: synthkit prompt tokens per call (all counted in usage)`, s.promptTokens);
  print(`sequences ${parallel}: synthkit / direct`, s.tps / d.tps);
}
