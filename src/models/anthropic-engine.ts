/**
 * An engine speaking the Anthropic Messages API (POST {baseURL}/v1/messages).
 *
 * Structured output uses a forced tool, the way Anthropic documents JSON output: one tool named
 * "output" whose input_schema is the requested schema, and tool_choice naming it, so the model
 * must answer with a tool_use block whose input is the object. We return that input as JSON text.
 */
import { createHttpJsonClient, endpointURL, errorFromStatus, malformedResponseError, type StatusErrorContext } from './http-json.js';
import type { ChatMessage, JsonSchema, ModelEngine, ModelRequest, ModelResponse, RemoteEngineOptions } from './types.js';

/** Key sent as `x-api-key`; default variable ANTHROPIC_API_KEY; default base URL https://api.anthropic.com. */
export interface AnthropicEngineOptions extends RemoteEngineOptions {
  /** The API requires max_tokens; used when a request has none. Default 1024. */
  defaultMaxTokens?: number;
}

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';
export const ANTHROPIC_VERSION = '2023-06-01';
const OUTPUT_TOOL = 'output';
/** Property that carries a non-object schema's value: tool inputs must be objects. */
const WRAPPED_VALUE = 'value';

export function createAnthropicEngine(options: AnthropicEngineOptions): ModelEngine {
  const baseURL = (options.baseURL ?? ANTHROPIC_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const endpoint = endpointURL(baseURL, '/v1/messages', options.modelName);
  const client = createHttpJsonClient({
    maxSockets: options.maxSockets,
    timeoutMs: options.timeoutMs,
    target: baseURL,
    setupHint: `Check base_url of model '${options.label ?? options.modelName}'.`,
  });
  const headers: Record<string, string> = {
    accept: 'application/json',
    'anthropic-version': ANTHROPIC_VERSION,
    ...options.extraHeaders,
  };
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  const errorContext: StatusErrorContext = {
    target: baseURL,
    modelName: options.modelName,
    apiKeyEnvVar: options.apiKeyEnvVar ?? 'ANTHROPIC_API_KEY',
    apiKeyGiven: Boolean(options.apiKey),
  };
  const defaultMaxTokens = options.defaultMaxTokens ?? 1024;

  return {
    id: options.id ?? `anthropic:${options.modelName}@${baseURL}`,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const reply = await client.postJson(endpoint, anthropicRequestBody(options.modelName, request, defaultMaxTokens), {
        headers,
        signal: request.signal,
      });
      if (reply.status < 200 || reply.status >= 300) throw errorFromStatus(reply, errorContext);
      return parseAnthropicResponse(reply.bodyText, baseURL, Boolean(request.schema && !isObjectSchema(request.schema)));
    },
    async close() {
      client.close();
    },
  };
}

export function anthropicRequestBody(modelName: string, request: ModelRequest, defaultMaxTokens = 1024): Record<string, unknown> {
  // The Messages API has no system role inside messages: system text goes to the top level.
  let system: string | undefined;
  const messages: ChatMessage[] = [];
  for (const message of request.messages) {
    if (message.role === 'system') system = system === undefined ? message.content : `${system}\n\n${message.content}`;
    else messages.push({ role: message.role, content: message.content });
  }
  // Seed and logprobs have no Anthropic equivalent and are left out rather than rejected.
  const body: Record<string, unknown> = {
    model: modelName,
    max_tokens: request.maxTokens ?? defaultMaxTokens,
    system,
    messages,
    temperature: request.temperature,
    top_p: request.topP,
  };
  if (request.schema) {
    const description = typeof request.schema.description === 'string' ? request.schema.description : undefined;
    body.tools = [
      {
        name: OUTPUT_TOOL,
        description: description ?? 'Give your answer by calling this tool; its input is the answer, matching the schema.',
        input_schema: toolInputSchema(request.schema),
      },
    ];
    body.tool_choice = { type: 'tool', name: OUTPUT_TOOL };
  }
  return body;
}

export function parseAnthropicResponse(bodyText: string, target: string, unwrapValue = false): ModelResponse {
  // biome-ignore lint/suspicious/noExplicitAny: a provider's reply body, read field by field with checks below
  let json: any;
  try {
    json = JSON.parse(bodyText);
  } catch {
    throw malformedResponseError(target, 'the body is not JSON', bodyText);
  }
  if (!json || !Array.isArray(json.content)) throw malformedResponseError(target, 'no content array', bodyText);

  let text = '';
  let reasoning = '';
  let toolText: string | undefined;
  for (const block of json.content) {
    if (block?.type === 'text' && typeof block.text === 'string') text += block.text;
    else if (block?.type === 'thinking' && typeof block.thinking === 'string') reasoning += block.thinking;
    else if (block?.type === 'tool_use' && block.name === OUTPUT_TOOL && toolText === undefined) {
      const input = unwrapValue && block.input && typeof block.input === 'object' ? block.input[WRAPPED_VALUE] : block.input;
      toolText = JSON.stringify(input ?? null);
    }
  }
  const response: ModelResponse = {
    // A schema request answers in the tool call; any text beside it is preamble, not the answer.
    text: toolText ?? text,
    usage: {
      inputTokens: Number(json.usage?.input_tokens) || 0,
      outputTokens: Number(json.usage?.output_tokens) || 0,
    },
  };
  if (reasoning) response.reasoning = reasoning;
  if (typeof json.stop_reason === 'string') response.finishReason = json.stop_reason;
  return response;
}

/** The API requires input_schema.type "object": say so when only implied, wrap anything else in {value}. */
function toolInputSchema(schema: JsonSchema): JsonSchema {
  if (schema.type === 'object') return schema;
  if (isObjectSchema(schema)) return { type: 'object', ...schema };
  return { type: 'object', properties: { [WRAPPED_VALUE]: schema }, required: [WRAPPED_VALUE] };
}

export function isObjectSchema(schema: JsonSchema): boolean {
  return schema.type === 'object' || (schema.type === undefined && typeof schema.properties === 'object');
}
