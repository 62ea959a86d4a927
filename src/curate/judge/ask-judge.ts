/**
 * One judge call with repair: a reply that does not parse or match the schema is sent back with
 * the error, up to `retries` times. A reply that never passes is reported as unusable; it is
 * never replaced by a default score (the caller flags the record instead).
 */
import type { ModelSession } from '../../store/open-models.js';
import { ModelCallError, ModelSetupError, type ChatMessage, type JsonSchema } from '../../models/types.js';
import { parseObjectReply, repairInstruction } from '../../prompting/parse-reply.js';
import type { ValidateFunction } from 'ajv';

export interface AskJudgeOptions {
  session: ModelSession;
  model: string;
  messages: ChatMessage[];
  schema: JsonSchema;
  validate: ValidateFunction;
  retries: number;
  seed: number;
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
  /** Stage name, recorded with the call's usage. */
  stage: string;
}

export type JudgeAnswer<T> = { ok: true; value: T; attempts: number } | { ok: false; error: string; attempts: number; raw?: string };

export async function askJudge<T>(options: AskJudgeOptions): Promise<JudgeAnswer<T>> {
  const messages = [...options.messages];
  let error = '';
  let raw: string | undefined;
  let attempts = 0;
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    attempts = attempt + 1;
    let reply;
    try {
      reply = await options.session.call(
        options.model,
        { messages: [...messages], schema: options.schema, temperature: options.temperature, maxTokens: options.maxTokens, seed: options.seed, signal: options.signal },
        // Answers already in this curation's own store are reused (re-runs cost nothing).
        { idx: -1, column: options.stage },
      );
    } catch (callError) {
      if (options.signal?.aborted) throw callError;
      if (callError instanceof ModelCallError && [401, 403, 404].includes(callError.details.status ?? 0)) {
        throw new ModelSetupError(`judge model '${options.model}': ${callError.message}`);
      }
      if (callError instanceof ModelCallError) return { ok: false, error: `judge call failed: ${callError.message}`, attempts, raw };
      throw callError;
    }
    raw = reply.text;
    const parsed = parseObjectReply(reply.text, options.validate);
    if (parsed.ok) return { ok: true, value: parsed.value as T, attempts };
    error = parsed.error;
    messages.push({ role: 'assistant', content: reply.text }, { role: 'user', content: repairInstruction(parsed.error, options.schema) });
  }
  return { ok: false, error: `${error} (after ${attempts} attempt${attempts > 1 ? 's' : ''})`, attempts, raw };
}
