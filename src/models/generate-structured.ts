/**
 * The one structured-generation call every caller goes through (LLM columns, conversations, topic
 * trees, judges, factuality checks): send messages, check the reply (JSON Schema, the caller's own
 * check), and on an unusable reply ask again, showing the model what it wrote and why it failed,
 * up to `maxRepairs` times. The AI SDK's generateObject with its repair hook is the model.
 *
 * Two kinds of "asking again" are kept apart (defaults.ts):
 * - transport retries (429, 5xx, timeouts) happen below, in the engine's retry wrapper, and resend
 *   the same request; a call that still fails comes back as `call_failed`;
 * - content repairs happen here, and send a new request (the conversation plus a repair message);
 *   a reply that never passes comes back as `invalid_reply`, with the last raw reply kept so the
 *   caller can store it and flag the record rather than invent a default.
 *
 * A rejected key or an unknown model (401, 403, 404) would fail every call, so it is thrown as a
 * ModelSetupError that stops the run; an abort is rethrown as it is.
 */
import type { ValidateFunction } from 'ajv';
import type { CallContext, ModelCallResult } from './model-runner.js';
import { compileSchema } from './compile-schema.js';
import { DEFAULT_MAX_REPAIRS } from './defaults.js';
import { parseObjectReply, parseTextReply, repairInstruction, type ParsedReply } from './parse-reply.js';
import { ReasoningError, splitReasoning, unwrapReasoning, withReasoningField } from './reasoning-reply.js';
import { SynthkitError } from '../core/synthkit-error.js';
import { ModelCallError, ModelSetupError, type ChatMessage, type JsonSchema, type ModelRequest, type ModelResponse, type TokenUsage } from './types.js';

export { DEFAULT_MAX_REPAIRS };

/** Anything that calls a named model: the run's ModelRunner and the stages' ModelSession both fit. */
export interface ModelCaller {
  call(model: string, request: ModelRequest, context: CallContext): Promise<ModelCallResult>;
}

/**
 * Where the reply's reasoning is:
 * - 'none': nowhere the caller asked for; reasoning an engine returns natively is still kept
 *   apart (and, for text, any reasoning tags it echoed into the answer are stripped);
 * - 'inline': in the text, as tags or labelled sections (the prompt asked for step-by-step
 *   reasoning); a reply without any is asked again;
 * - 'field': in a `reasoning` field written before an `answer` field (needs `schema`: the request
 *   sends `withReasoningField(schema)`, and the value returned is the answer).
 */
export type ReasoningMode = 'none' | 'inline' | 'field';

export interface StructuredRequest<T = unknown> {
  model: string;
  messages: readonly ChatMessage[];
  /** The answer's JSON Schema, sent to the engine and checked; absent, the answer is plain text. */
  schema?: JsonSchema;
  /**
   * A precompiled validator of the schema as sent (with reasoning 'field', of
   * `withReasoningField(schema)`), so a caller compiles once, not once per call.
   */
  validate?: ValidateFunction;
  /** Content repairs after the first reply. Default DEFAULT_MAX_REPAIRS. */
  maxRepairs?: number;
  /**
   * The caller's own check of a reply that parsed (few-shot copy detection, a non-empty list):
   * a message asks again with it, undefined (or '') accepts the value.
   */
  check?: (value: T, reply: ModelCallResult) => string | undefined;
  /** Default 'none'. */
  reasoning?: ReasoningMode;
  temperature?: number;
  maxTokens?: number;
  logprobs?: boolean;
  /**
   * Sampling seed: a number for every attempt, or a function of the attempt (0 for the first
   * call), so callers keep the seed derivations their caches and reproducibility depend on.
   */
  seed?: number | ((attempt: number) => number);
  signal?: AbortSignal;
  /** Recorded with each call's usage (the record and column, or the stage). */
  context: CallContext;
}

/** Stable codes for why no value came back. */
/** `call_failed`: the call failed after its retries; other codes come from the engine (ModelCallError details.reason). */
export type StructuredFailureReason = 'invalid_reply' | 'call_failed' | (string & {});

export type StructuredResult<T> =
  | {
      ok: true;
      value: T;
      /** The reply text the value came from, reasoning included. */
      raw: string;
      reasoning?: string;
      logprobs?: ModelResponse['logprobs'];
      /** Tokens of every attempt, summed (cached replies count the tokens they once cost). */
      usage: TokenUsage;
      /** Calls made: 1 plus the repairs. */
      attempts: number;
    }
  | {
      ok: false;
      reason: StructuredFailureReason;
      /** One line for the user: the last problem and, for invalid replies, the attempts made. */
      error: string;
      /** The last reply the model gave, absent when none arrived. */
      raw?: string;
      attempts: number;
      usage: TokenUsage;
    };

/** A request generateStructured cannot serve as written (a programming error in the caller). */
export class StructuredRequestError extends SynthkitError {}

export async function generateStructured<T = unknown>(caller: ModelCaller, request: StructuredRequest<T>): Promise<StructuredResult<T>> {
  const mode = request.reasoning ?? 'none';
  if (mode === 'field' && !request.schema) {
    throw new StructuredRequestError(`model '${request.model}': reasoning 'field' needs a schema for the answer`);
  }
  const schema = request.schema && mode === 'field' ? withReasoningField(request.schema) : request.schema;
  const validate = schema ? (request.validate ?? compileSchema(schema)) : undefined;
  const maxRepairs = request.maxRepairs ?? DEFAULT_MAX_REPAIRS;
  const messages: ChatMessage[] = [...request.messages];
  const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
  let raw: string | undefined;
  let problem = '';
  let attempts = 0;
  for (let attempt = 0; attempt <= maxRepairs; attempt++) {
    attempts = attempt + 1;
    let reply: ModelCallResult;
    try {
      reply = await caller.call(request.model, modelRequest(request, schema, messages, attempt), request.context);
    } catch (error) {
      const message = callFailure(error, request);
      return { ok: false, reason: (error as ModelCallError).details.reason ?? 'call_failed', error: message, raw, attempts, usage };
    }
    usage.inputTokens += reply.usage.inputTokens;
    usage.outputTokens += reply.usage.outputTokens;
    raw = reply.text;
    const parsed = parseReply(reply.text, reply.reasoning, mode, validate);
    if (parsed.ok) {
      problem = request.check?.(parsed.value as T, reply) ?? '';
      if (!problem) {
        return { ok: true, value: parsed.value as T, raw: reply.text, reasoning: parsed.reasoning, logprobs: reply.logprobs, usage, attempts };
      }
    } else {
      problem = parsed.error;
    }
    messages.push({ role: 'assistant', content: reply.text }, { role: 'user', content: repairInstruction(problem, schema) });
  }
  return { ok: false, reason: 'invalid_reply', error: `${problem} (after ${attempts} attempt${attempts > 1 ? 's' : ''})`, raw, attempts, usage };
}

/**
 * The request of one attempt. Key order and content are part of the cache key (model-runner.ts's
 * cacheKey hashes the JSON), so they are those every caller sent before this function existed:
 * keys left undefined drop out of the JSON.
 */
function modelRequest(request: StructuredRequest<never>, schema: JsonSchema | undefined, messages: ChatMessage[], attempt: number): ModelRequest {
  return {
    messages: [...messages],
    schema,
    temperature: request.temperature,
    maxTokens: request.maxTokens,
    seed: typeof request.seed === 'function' ? request.seed(attempt) : request.seed,
    logprobs: request.logprobs,
    signal: request.signal,
  };
}

/** The message of a call that failed after its transport retries; throws what must stop the caller. */
function callFailure(error: unknown, request: StructuredRequest<never>): string {
  if (request.signal?.aborted) throw error;
  if (!ModelCallError.isInstance(error)) throw error;
  const callError = error as ModelCallError;
  // A rejected key or an unknown model would fail every call: stop with the reason.
  if ([401, 403, 404].includes(callError.details.status ?? 0)) {
    throw new ModelSetupError(`model '${request.model}': ${callError.message}`, { cause: callError });
  }
  return `model call failed: ${callError.message}`;
}

function parseReply(
  text: string,
  nativeReasoning: string | undefined,
  mode: ReasoningMode,
  validate: ValidateFunction | undefined,
): ParsedReply & { reasoning?: string } {
  if (mode === 'field') {
    const parsed = parseObjectReply(text, validate!);
    if (!parsed.ok) return parsed;
    try {
      const { reasoning, answer } = unwrapReasoning(parsed.value);
      return { ok: true, value: answer, reasoning: nativeReasoning || reasoning };
    } catch (error) {
      if (error instanceof ReasoningError) return { ok: false, error: error.message };
      throw error;
    }
  }
  // A JSON reply is parsed as it is: reasoning tags inside its strings are content.
  if (mode === 'none' && validate) return { ...parseObjectReply(text, validate), reasoning: nativeReasoning };
  const split = mode === 'inline' || nativeReasoning ? splitReasoning(text, nativeReasoning) : { answer: text, reasoning: undefined };
  const parsed = validate ? parseObjectReply(split.answer, validate) : parseTextReply(split.answer);
  if (parsed.ok && mode === 'inline' && !split.reasoning) return { ok: false, error: 'the reply has no reasoning before the answer' };
  return { ...parsed, reasoning: split.reasoning };
}
