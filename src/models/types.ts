/**
 * The one model interface every engine implements. Engines are plain objects: the local
 * llama.cpp engine, the OpenAI(-compatible) engine and the Anthropic engine. Cache, retry,
 * rate limits and usage accounting wrap any engine the same way (see model-runner.ts).
 */

import { SynthkitError } from '../core/synthkit-error.js';
export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** A JSON Schema object (draft 2020-12 subset that engines understand). */
export type JsonSchema = Record<string, unknown>;

export interface ModelRequest {
  messages: ChatMessage[];
  /** When set, the engine constrains output to this schema where it can (grammar, JSON-schema mode). */
  schema?: JsonSchema;
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  /** Sampling seed; engines that support one use it so a call is reproducible. */
  seed?: number;
  /** Ask for token log-probabilities where the engine has them. */
  logprobs?: boolean;
  signal?: AbortSignal;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ModelResponse {
  /** The answer text (for schema requests, the JSON text). */
  text: string;
  /** Reasoning the engine returned apart from the answer (reasoning tokens, thinking blocks). */
  reasoning?: string;
  usage: TokenUsage;
  /** Summary of token log-probabilities of the answer, where the engine gives them. */
  logprobs?: { mean: number; min: number };
  finishReason?: string;
}

export interface ModelEngine {
  /** Stable identity of the engine and its model, part of the cache key (e.g. "openai:gpt-4o-mini@https://api.openai.com/v1"). */
  readonly id: string;
  generate(request: ModelRequest): Promise<ModelResponse>;
  close?(): Promise<void>;
}

/**
 * Thrown by engines for failures. `retryable` marks 429, 5xx, timeouts and dropped connections;
 * `retryAfterMs` carries the server's Retry-After when it sent one.
 */
export class ModelCallError extends SynthkitError {
  constructor(
    message: string,
    /**
     * `reason`: a stable code when the request itself cannot be served (e.g. `context_overflow`),
     * so the cell records that instead of `call_failed`, which means "ask again later".
     */
    readonly details: { retryable: boolean; status?: number; retryAfterMs?: number; body?: string; reason?: string },
  ) {
    super(message);
  }
  get retryable(): boolean {
    return this.details.retryable;
  }
}

/** A configuration problem the user must fix (missing key, missing file, unreachable server). One clear line. */
export class ModelSetupError extends SynthkitError {}

/** What every remote engine (OpenAI wire format, Anthropic wire format) is configured with. */
export interface RemoteEngineOptions {
  modelName: string;
  /** The recipe's name for this model, used in error messages. */
  label?: string;
  /** The provider's base URL; each engine has its own default. */
  baseURL?: string;
  /** Leave out for local servers that need none. */
  apiKey?: string;
  /** The variable the key came from, named in 401 messages. */
  apiKeyEnvVar?: string;
  /** Per-call time limit in ms. Default DEFAULT_TIMEOUT_MS in defaults.ts (600,000, the official SDKs' default). */
  timeoutMs?: number;
  /** Connections per origin. Default DEFAULT_MAX_SOCKETS in defaults.ts (256). */
  maxSockets?: number;
  extraHeaders?: Record<string, string>;
  /** Cache identity. Default `<provider>:${modelName}@${baseURL}`. */
  id?: string;
}
