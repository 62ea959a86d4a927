/**
 * An engine speaking the OpenAI chat-completions wire format (POST {baseURL}/chat/completions).
 * The same format is served by vLLM, Ollama, llama.cpp's server, LM Studio and most hosted
 * providers, so this one engine covers all of them; the API key is optional for local servers.
 */
import { createHttpJsonClient, endpointURL, errorFromStatus, malformedResponseError, type StatusErrorContext } from './http-json.js';
import type { ModelEngine, ModelRequest, ModelResponse, RemoteEngineOptions } from './types.js';

/** Key sent as `Authorization: Bearer`; default variable OPENAI_API_KEY; default base URL https://api.openai.com/v1. */
export interface OpenAIEngineOptions extends RemoteEngineOptions {
  /**
   * The field that carries maxTokens. Default `max_tokens`, which every compatible server reads;
   * OpenAI's reasoning models (o-series, gpt-5) accept only `max_completion_tokens`.
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
}

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export function createOpenAIEngine(options: OpenAIEngineOptions): ModelEngine {
  const baseURL = (options.baseURL ?? OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const endpoint = endpointURL(baseURL, '/chat/completions', options.modelName);
  const client = createHttpJsonClient({
    maxSockets: options.maxSockets,
    timeoutMs: options.timeoutMs,
    target: baseURL,
    setupHint: `Check base_url of model '${options.label ?? options.modelName}'.`,
  });
  const headers: Record<string, string> = { accept: 'application/json', ...options.extraHeaders };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const errorContext: StatusErrorContext = {
    target: baseURL,
    modelName: options.modelName,
    apiKeyEnvVar: options.apiKeyEnvVar ?? 'OPENAI_API_KEY',
    apiKeyGiven: Boolean(options.apiKey),
  };
  const maxTokensField = options.maxTokensField ?? 'max_tokens';

  return {
    id: options.id ?? `openai:${options.modelName}@${baseURL}`,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const reply = await client.postJson(endpoint, openAIRequestBody(options.modelName, request, maxTokensField), {
        headers,
        signal: request.signal,
      });
      if (reply.status < 200 || reply.status >= 300) throw errorFromStatus(reply, errorContext);
      return parseOpenAIResponse(reply.bodyText, baseURL);
    },
    async close() {
      client.close();
    },
  };
}

export function openAIRequestBody(
  modelName: string,
  request: ModelRequest,
  maxTokensField: 'max_tokens' | 'max_completion_tokens' = 'max_tokens',
): Record<string, unknown> {
  // Undefined fields vanish in JSON.stringify, so the server applies its own defaults for them.
  return {
    model: modelName,
    messages: request.messages,
    temperature: request.temperature,
    [maxTokensField]: request.maxTokens,
    top_p: request.topP,
    seed: request.seed,
    logprobs: request.logprobs ? true : undefined,
    // strict: false because strict mode rejects common schemas (optional properties, no
    // additionalProperties: false); callers validate the object themselves.
    response_format: request.schema ? { type: 'json_schema', json_schema: { name: 'output', schema: request.schema, strict: false } } : undefined,
  };
}

export function parseOpenAIResponse(bodyText: string, target: string): ModelResponse {
  // biome-ignore lint/suspicious/noExplicitAny: a provider's reply body, read field by field with checks below
  let json: any;
  try {
    json = JSON.parse(bodyText);
  } catch {
    throw malformedResponseError(target, 'the body is not JSON', bodyText);
  }
  const choice = json?.choices?.[0];
  const message = choice?.message;
  if (!message || typeof message !== 'object') throw malformedResponseError(target, 'no choices[0].message', bodyText);

  const content = message.content;
  // Structured-output refusals come as content null plus a refusal string.
  const refused = (content === null || content === undefined) && typeof message.refusal === 'string';
  const text = typeof content === 'string' ? content : '';
  // vLLM and DeepSeek send reasoning_content; Ollama and newer vLLM send reasoning.
  const reasoning =
    typeof message.reasoning_content === 'string' && message.reasoning_content
      ? message.reasoning_content
      : typeof message.reasoning === 'string' && message.reasoning
        ? message.reasoning
        : undefined;

  const response: ModelResponse = {
    text,
    usage: {
      inputTokens: Number(json.usage?.prompt_tokens) || 0,
      outputTokens: Number(json.usage?.completion_tokens) || 0,
    },
  };
  if (reasoning !== undefined) response.reasoning = reasoning;
  const finishReason = refused ? 'refusal' : choice.finish_reason;
  if (typeof finishReason === 'string') response.finishReason = finishReason;
  const logprobs = summarizeLogprobs(choice.logprobs?.content);
  if (logprobs) response.logprobs = logprobs;
  return response;
}

function summarizeLogprobs(tokens: unknown): { mean: number; min: number } | undefined {
  if (!Array.isArray(tokens) || tokens.length === 0) return undefined;
  let sum = 0;
  let min = Infinity;
  let count = 0;
  for (const token of tokens) {
    const value = token?.logprob;
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    sum += value;
    if (value < min) min = value;
    count++;
  }
  return count ? { mean: sum / count, min } : undefined;
}
