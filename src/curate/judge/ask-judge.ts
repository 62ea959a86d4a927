/**
 * One judge call: the judges' options mapped onto the model layer's structured-generation call,
 * which repairs a reply that does not parse or match the schema up to `maxRepairs` times. A reply
 * that never passes is reported as unusable; it is never replaced by a default score (the caller
 * flags the record instead).
 */
import type { ValidateFunction } from 'ajv';
import type { ModelSession } from '../../store/open-models.js';
import type { ChatMessage, JsonSchema } from '../../models/types.js';
import { generateStructured } from '../../models/generate-structured.js';

export interface AskJudgeOptions {
  session: ModelSession;
  model: string;
  messages: ChatMessage[];
  schema: JsonSchema;
  validate: ValidateFunction;
  /** Content repairs; default DEFAULT_MAX_REPAIRS (models/defaults.ts). */
  maxRepairs?: number;
  seed: number;
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
  /** Stage name, recorded with the call's usage. */
  stage: string;
}

export type JudgeAnswer<T> = { ok: true; value: T; attempts: number } | { ok: false; error: string; attempts: number; raw?: string };

export async function askJudge<T>(options: AskJudgeOptions): Promise<JudgeAnswer<T>> {
  const result = await generateStructured<T>(options.session, {
    model: options.model,
    messages: options.messages,
    schema: options.schema,
    validate: options.validate,
    maxRepairs: options.maxRepairs,
    temperature: options.temperature,
    maxTokens: options.maxTokens,
    // One seed for every attempt: the repair message already makes each request different.
    seed: options.seed,
    signal: options.signal,
    // Answers already in this curation's own store are reused (re-runs cost nothing).
    context: { idx: -1, column: options.stage },
  });
  return result.ok
    ? { ok: true, value: result.value, attempts: result.attempts }
    : { ok: false, error: result.error, attempts: result.attempts, raw: result.raw };
}
