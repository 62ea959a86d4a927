/**
 * Text embedders for hybrid retrieval, semantic dedup and embedding-based metrics, named by a
 * short spec so a knowledge base can remember which one made its vectors:
 *   local:/path/to/model.gguf          llama.cpp's embedding mode, on the CPU
 *   openai:text-embedding-3-small      OpenAI's embeddings endpoint (key from OPENAI_API_KEY)
 *   openai:<model>@http://host:port/v1 any OpenAI-compatible server (vLLM, Ollama, llama.cpp server)
 */
import { existsSync } from 'node:fs';
import { createHttpJsonClient, endpointURL, errorFromStatus, malformedResponseError } from './http-json.js';
import { ModelSetupError } from './types.js';

export interface Embedder {
  /** The spec it was made from (stored beside vectors so queries use the same model). */
  readonly spec: string;
  embed(texts: string[]): Promise<number[][]>;
  close(): Promise<void>;
}

export async function createEmbedder(spec: string, options: { threads?: number } = {}): Promise<Embedder> {
  const colon = spec.indexOf(':');
  const kind = spec.slice(0, colon);
  const rest = spec.slice(colon + 1);
  if (kind === 'local' && rest) return createLocalEmbedder(spec, rest, options.threads ?? 1);
  if (kind === 'openai' && rest) {
    const [model, baseURL] = rest.split('@');
    return createOpenAIEmbedder(spec, model, baseURL);
  }
  throw new ModelSetupError(`unknown embedder '${spec}': use local:/path/to/model.gguf or openai:<model>[@<base_url>]`);
}

async function createLocalEmbedder(spec: string, modelPath: string, threads: number): Promise<Embedder> {
  if (!existsSync(modelPath)) throw new ModelSetupError(`embedding model file not found: ${modelPath}`);
  const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
  const context = await model.createEmbeddingContext({ threads, contextSize: Math.min(2048, model.trainContextSize) });
  return {
    spec,
    async embed(texts) {
      const out: number[][] = [];
      // One text at a time: the embedding context evaluates a single sequence.
      for (const text of texts) out.push([...(await context.getEmbeddingFor(text)).vector]);
      return out;
    },
    async close() {
      await context.dispose();
      await model.dispose();
    },
  };
}

function createOpenAIEmbedder(spec: string, model: string, baseURL = 'https://api.openai.com/v1'): Embedder {
  const apiKey = process.env.OPENAI_API_KEY;
  const official = baseURL.includes('api.openai.com');
  if (official && !apiKey) throw new ModelSetupError(`embedder '${spec}' needs an API key: set OPENAI_API_KEY`);
  const client = createHttpJsonClient({ target: baseURL, setupHint: `Check the embedder's base URL in '${spec}'.` });
  return {
    spec,
    async embed(texts) {
      const reply = await client.postJson(endpointURL(baseURL, '/embeddings', model), { model, input: texts }, { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} });
      if (reply.status < 200 || reply.status >= 300) throw errorFromStatus(reply, { target: baseURL, modelName: model, apiKeyEnvVar: 'OPENAI_API_KEY', apiKeyGiven: !!apiKey });
      let body: { data?: { embedding: number[]; index: number }[] };
      try {
        body = JSON.parse(reply.bodyText);
      } catch {
        throw malformedResponseError(baseURL, 'the body is not JSON', reply.bodyText);
      }
      if (!Array.isArray(body.data) || body.data.length !== texts.length) throw malformedResponseError(baseURL, 'data does not hold one embedding per input', reply.bodyText);
      return [...body.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
    },
    async close() {
      client.close();
    },
  };
}

const EMBED_BATCH = 64;

/** Embeds texts with a one-off embedder, in batches, and closes it. */
export async function embedAll(spec: string, texts: string[]): Promise<number[][]> {
  const embedder = await createEmbedder(spec);
  try {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += EMBED_BATCH) out.push(...(await embedder.embed(texts.slice(i, i + EMBED_BATCH))));
    return out;
  } finally {
    await embedder.close();
  }
}
