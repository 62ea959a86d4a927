/**
 * Text embedders for hybrid retrieval, semantic dedup and embedding-based metrics, named by a
 * short spec so a knowledge base can remember which one made its vectors:
 *   local:/path/to/model.gguf          llama.cpp's embedding mode, on the CPU
 *   openai:text-embedding-3-small      OpenAI's embeddings endpoint (key from OPENAI_API_KEY)
 *   openai:<model>@http://host:port/v1 any OpenAI-compatible server (vLLM, Ollama, llama.cpp server),
 *                                      sent no key
 *   openai:<model>@<base_url>#api_key_env=NAME
 *                                      the same, sending the key held in the variable NAME
 *
 * OPENAI_API_KEY goes to the official host (https://api.openai.com) only. It used to go to
 * whatever host the spec named, so a spec pointing at someone else's server (a shared recipe, a
 * typo) handed them the user's OpenAI key. Another host gets a key only when the spec names the
 * variable, as a recipe's `api_key_env` does for models. The variable's name (never its value)
 * sits after `#`, the part of a URL that is never sent.
 */
import { existsSync } from 'node:fs';
import { createHttpJsonClient, endpointURL, errorFromStatus, malformedResponseError } from './http-json.js';
import { ModelSetupError } from './types.js';

const OPENAI_KEY_ENV = 'OPENAI_API_KEY';
const OPENAI_BASE_URL = 'https://api.openai.com/v1';

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
    const { model, baseURL, apiKeyEnv } = parseOpenAISpec(spec, rest);
    return createOpenAIEmbedder(spec, model, baseURL, apiKeyEnv);
  }
  throw new ModelSetupError(`unknown embedder '${spec}': use local:/path/to/model.gguf or openai:<model>[@<base_url>][#api_key_env=NAME]`);
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

/** `<model>[@<base_url>][#api_key_env=NAME]`: the model is up to the first `@` (URLs may hold one), the fragment names the key. */
function parseOpenAISpec(spec: string, rest: string): { model: string; baseURL: string; apiKeyEnv?: string } {
  const hash = rest.indexOf('#');
  const main = hash < 0 ? rest : rest.slice(0, hash);
  const fragment = hash < 0 ? undefined : rest.slice(hash + 1);
  const at = main.indexOf('@');
  const model = at < 0 ? main : main.slice(0, at);
  const baseURL = (at < 0 ? OPENAI_BASE_URL : main.slice(at + 1)).replace(/\/+$/, '');
  let apiKeyEnv: string | undefined;
  if (fragment !== undefined) {
    const match = /^api_key_env=([A-Za-z_][A-Za-z0-9_]*)$/.exec(fragment);
    // Not echoed: a key pasted there by mistake must not reach a terminal or a log.
    if (!match)
      throw new ModelSetupError(
        `embedder '${spec.slice(0, spec.indexOf('#'))}#…': after '#' expected api_key_env=<VARIABLE_NAME>, the name of the variable holding the key`,
      );
    apiKeyEnv = match[1];
  }
  if (!model) throw new ModelSetupError(`embedder '${spec}' names no model: use openai:<model>[@<base_url>]`);
  return { model, baseURL, apiKeyEnv };
}

/** The official OpenAI API, by exact host over https: a host that merely contains the name (api.openai.com.example.net) is not it. */
export function isOfficialOpenAIHost(baseURL: string): boolean {
  try {
    const url = new URL(baseURL);
    return url.protocol === 'https:' && url.hostname === 'api.openai.com';
  } catch {
    return false;
  }
}

function createOpenAIEmbedder(spec: string, model: string, baseURL: string, explicitKeyEnv: string | undefined): Embedder {
  const official = isOfficialOpenAIHost(baseURL);
  // The default variable only for the official host; any other host only the one the spec names.
  const keyEnv = explicitKeyEnv ?? (official ? OPENAI_KEY_ENV : undefined);
  const apiKey = keyEnv ? process.env[keyEnv] : undefined;
  if (keyEnv && !apiKey) throw new ModelSetupError(`embedder '${spec}' needs an API key: set ${keyEnv}`);
  const missingKeyHint = `a variable and add #api_key_env=<its name> to the spec '${spec}' (${OPENAI_KEY_ENV} goes to api.openai.com only)`;
  const client = createHttpJsonClient({ target: baseURL, setupHint: `Check the embedder's base URL in '${spec}'.` });
  return {
    spec,
    async embed(texts) {
      const reply = await client.postJson(
        endpointURL(baseURL, '/embeddings', model),
        { model, input: texts },
        { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} },
      );
      if (reply.status < 200 || reply.status >= 300)
        throw errorFromStatus(reply, { target: baseURL, modelName: model, apiKeyEnvVar: keyEnv ?? missingKeyHint, apiKeyGiven: !!apiKey });
      let body: { data?: { embedding: number[]; index: number }[] };
      try {
        body = JSON.parse(reply.bodyText);
      } catch {
        throw malformedResponseError(baseURL, 'the body is not JSON', reply.bodyText);
      }
      if (!Array.isArray(body.data) || body.data.length !== texts.length)
        throw malformedResponseError(baseURL, 'data does not hold one embedding per input', reply.bodyText);
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
