/**
 * The embedded default engine: llama.cpp through node-llama-cpp, on the CPU unless asked.
 *
 * One model and one context per engine; the context holds `concurrency` sequences and each call
 * borrows a free one, so parallel calls share llama.cpp's batching. Each call starts from its
 * prompt's shared prefix (system instructions, earlier turns), evaluated once per sequence and
 * reused from the KV cache, always computed the same way (local-prompt.ts), so a reply depends only
 * on its own messages and seed (reproducible). A prompt that does not fit the context fails.
 * JSON-schema requests are constrained by a grammar compiled once per schema.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { ChatHistoryItem, Llama, LlamaChat, LlamaContext, LlamaContextSequence, LlamaGrammar, LlamaModel, Token } from 'node-llama-cpp';
import { contextOverflow, replyBudget, loadPrefix, promptTokens, reusablePrefix, type SequencePrefix } from './local-prompt.js';
import { modelFileIdentity } from './model-file-identity.js';
import { ModelCallError, ModelSetupError, type ModelEngine, type ModelRequest, type ModelResponse } from './types.js';

export interface LocalEngineOptions {
  modelPath: string;
  /** CPU threads. Set it: llama.cpp's default oversubscribes small machines badly. */
  threads?: number;
  contextSize?: number;
  gpu?: boolean;
  /** Parallel sequences in the context. */
  concurrency?: number;
  /** Label used in errors (the recipe's model name). */
  label?: string;
  /** Where the file-hash memo lives (model-file-identity.ts). Default defaultCacheDir(). */
  cacheDir?: string;
  /** LoRA adapters (GGUF) applied on the model, each with its scale (default 1; 0 turns it off). */
  lora?: { path: string; scale?: number }[];
}

export const DEFAULT_LOCAL_CONTEXT = 4096;

export async function createLocalEngine(options: LocalEngineOptions): Promise<ModelEngine> {
  const label = options.label ?? 'local';
  if (!existsSync(options.modelPath)) {
    throw new ModelSetupError(
      `model file not found: ${options.modelPath} (model '${label}'). Point models.${label}.path at a GGUF file, set SYNTHKIT_LOCAL_MODEL, or pass --local-model <file.gguf>.`,
    );
  }
  const threads = options.threads ?? defaultThreads(options.modelPath);
  // The cache key names the model by its bytes: another GGUF copied to the same path must not be
  // answered from this one's cached replies.
  const identity = await modelFileIdentity(options.modelPath, { cacheDir: options.cacheDir });
  // Adapters change replies, so their bytes and scales are part of the identity the cache keys on.
  const adapters = await loraAdapters(options, label);
  const adapterIds = await Promise.all(adapters.map(async (a) => `+lora:${await modelFileIdentity(a.filePath, { cacheDir: options.cacheDir })}@${a.scale}`));
  // Imported on first use: node-llama-cpp adds about 40 MB to a process that only calls remote models.
  const { getLlama, LlamaChat, LlamaLogLevel } = await import('node-llama-cpp');
  const sequences = options.concurrency ?? 1;
  let llama: Llama;
  let model: LlamaModel;
  let context: LlamaContext;
  try {
    llama = await getLlama({ gpu: options.gpu ? 'auto' : false, build: 'never', logLevel: LlamaLogLevel.error });
    model = await llama.loadModel({ modelPath: options.modelPath, gpuLayers: options.gpu ? 'auto' : 0 });
    const contextSize = Math.min(options.contextSize ?? DEFAULT_LOCAL_CONTEXT, model.trainContextSize);
    context = await model.createContext({ contextSize, sequences, threads, ...(adapters.length ? { lora: { adapters } } : {}) });
  } catch (error) {
    throw new ModelSetupError(`cannot load ${options.modelPath} (model '${label}'): ${(error as Error).message.split('\n')[0]}`);
  }

  const free: LlamaContextSequence[] = [];
  // The shared prompt prefix each sequence holds in its KV cache (local-prompt.ts).
  const prefixes = new Map<LlamaContextSequence, SequencePrefix>();
  for (let i = 0; i < sequences; i++) free.push(context.getSequence());
  const waiters: ((seq: LlamaContextSequence) => void)[] = [];
  const acquire = (): Promise<LlamaContextSequence> => (free.length ? Promise.resolve(free.pop()!) : new Promise((resolve) => waiters.push(resolve)));
  const release = (seq: LlamaContextSequence) => {
    const next = waiters.shift();
    if (next) next(seq);
    else free.push(seq);
  };

  const grammars = new Map<string, Promise<LlamaGrammar>>();
  const grammarFor = (schema: Record<string, unknown>) => {
    const key = JSON.stringify(schema);
    let grammar = grammars.get(key);
    if (!grammar) {
      // node-llama-cpp's schema type is narrower than JSON Schema; the recipe validated it already.
      grammar = llama.createGrammarForJsonSchema(schema as never) as Promise<LlamaGrammar>;
      grammars.set(key, grammar);
    }
    return grammar;
  };

  return {
    id: `local:${identity}${adapterIds.join('')}`,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const grammar = request.schema ? await grammarFor(request.schema) : undefined;
      const seq = await acquire();
      const prefix = prefixes.get(seq) ?? {};
      prefixes.set(seq, prefix);
      try {
        const chat = new LlamaChat({ contextSequence: seq, autoDisposeSequence: false });
        const history = toHistory(request);
        const prompt = promptTokens(chat, history);
        const overflow = contextOverflow(prompt.length, request.maxTokens ?? 512, context.contextSize);
        const maxTokens = replyBudget(prompt.length, request.maxTokens ?? 512, context.contextSize);
        if (overflow) {
          throw new ModelCallError(
            `${overflow} (${options.modelPath}): raise context_size (the model was trained for ${model.trainContextSize}), lower max_tokens, or shorten the prompt (fewer or shorter retrieved passages: top_k, chunk size)`,
            { retryable: false, reason: 'context_overflow' },
          );
        }
        await loadPrefix(seq, prefix, reusablePrefix(chat, history, prompt));
        const before = seq.tokenMeter.usedOutputTokens;
        const generated: Token[] = [];
        const result = await chat.generateResponse(history, {
          onToken: request.logprobs ? (tokens) => generated.push(...tokens) : undefined,
          maxTokens,
          temperature: request.temperature ?? 0.8,
          topP: request.topP,
          seed: request.seed,
          grammar,
          signal: request.signal,
        });
        // The whole prompt counts, reused from the KV cache or not: usage must not depend on call order.
        const usage = { inputTokens: prompt.length, outputTokens: seq.tokenMeter.usedOutputTokens - before };
        if (request.logprobs && generated.length) prefix.tokens = undefined; // scoring re-reads the sequence
        const logprobs = request.logprobs && generated.length ? await scoreTokens(seq, chat, history, generated) : undefined;
        const reasoning = result.fullResponse
          .filter((part) => typeof part !== 'string' && part.segmentType === 'thought')
          .map((part) => (part as { text: string }).text)
          .join('');
        return {
          text: result.response,
          reasoning: reasoning || undefined,
          usage,
          logprobs,
          finishReason: result.metadata.stopReason,
        };
      } catch (error) {
        prefix.tokens = undefined;
        if (ModelCallError.isInstance(error)) throw error;
        const message = (error as Error).message;
        if (/context shift|too long prompt/i.test(message)) {
          throw new ModelCallError(
            `the prompt does not fit the context of ${options.modelPath} (${context.contextSize} tokens): raise context_size or shorten the prompt`,
            { retryable: false },
          );
        }
        throw new ModelCallError(`local model failed: ${message}`, { retryable: false });
      } finally {
        release(seq);
      }
    },
    async close() {
      await context.dispose();
      await model.dispose();
    },
  };
}

/**
 * Token log-probabilities of a generated reply under the model's own distribution (no
 * temperature), by re-reading prompt + reply in one batched pass: llama.cpp's chat generation
 * does not report them, and a prompt pass costs far less than generation. Only the logit of the
 * token that was generated, the top logit and the softmax normaliser are fetched per position.
 */
async function scoreTokens(seq: LlamaContextSequence, chat: LlamaChat, history: ChatHistoryItem[], generated: Token[]): Promise<{ mean: number; min: number }> {
  const prompt = chat.chatWrapper.generateContextState({ chatHistory: history }).contextText.tokenize(seq.model.tokenizer);
  const input = [...prompt, ...generated];
  await seq.clearHistory();
  const items = input.map((token, i) =>
    i >= prompt.length - 1 && i < input.length - 1
      ? ([token, { generateNext: { logits: { filter: { tokens: [input[i + 1]], includeTop: 1 } }, totalLogitWeight: true } }] as const)
      : token,
  );
  const out = await seq.controlledEvaluate(items as never);
  let sum = 0;
  let min = 0;
  for (let i = prompt.length - 1; i < input.length - 1; i++) {
    const next = out[i]?.next;
    const logit = next?.logits?.get(input[i + 1]);
    if (!next?.logits || logit === undefined || !next.totalLogitWeight) continue;
    const maxLogit = next.logits.values().next().value as number;
    const logprob = logit - maxLogit - Math.log(next.totalLogitWeight);
    sum += logprob;
    min = Math.min(min, logprob);
  }
  return { mean: sum / generated.length, min };
}

/** The adapters as node-llama-cpp takes them, each file checked first so a wrong path names the model and the field. */
async function loraAdapters(options: LocalEngineOptions, label: string): Promise<{ filePath: string; scale: number }[]> {
  return (options.lora ?? []).map((adapter, i) => {
    if (!existsSync(adapter.path))
      throw new ModelSetupError(
        `LoRA adapter not found: ${adapter.path} (models.${label}.lora[${i}].path); point it at a GGUF adapter file (convert a PEFT adapter with llama.cpp's convert_lora_to_gguf.py)`,
      );
    return { filePath: adapter.path, scale: adapter.scale ?? 1 };
  });
}

/**
 * Measured on a 2-core machine: a tiny model runs ~10x faster on one thread than on two (thread
 * synchronisation dominates its small matrices), while a real model needs every core.
 */
export function defaultThreads(modelPath: string): number {
  return statSync(modelPath).size < 100e6 ? 1 : availableParallelism();
}

function toHistory(request: ModelRequest): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = request.messages.map((m) =>
    m.role === 'system'
      ? { type: 'system', text: m.content }
      : m.role === 'user'
        ? { type: 'user', text: m.content }
        : { type: 'model', response: [m.content] },
  );
  history.push({ type: 'model', response: [] });
  return history;
}
