/**
 * Fills one LLM cell: render the prompt, call the model, check the reply, and on a bad reply ask
 * again with the reason, up to `maxRepairs` times. A cell that never passes keeps its last raw
 * reply and the reason, and is flagged; the run goes on.
 */
import type { PlannedColumn } from '../recipe/plan-recipe.js';
import type { ModelRunner } from '../models/model-runner.js';
import { ModelCallError, ModelSetupError, type ChatMessage } from '../models/types.js';
import type { CellRow } from '../store/run-store.js';
import { buildMessages } from '../prompting/build-messages.js';
import { parseObjectReply, parseTextReply, repairInstruction } from '../prompting/parse-reply.js';
import { deriveSeed } from '../samplers/rng.js';

export interface FillOptions {
  runner: ModelRunner;
  seed: number;
  maxRepairs: number;
  /** The record was cut off by a stop (its replies may be stored already). */
  resumed: boolean;
  signal?: AbortSignal;
}

export async function fillLlmCell(planned: PlannedColumn, idx: number, scope: Record<string, unknown>, options: FillOptions): Promise<CellRow> {
  const column = planned.column;
  if (column.kind !== 'llm-text' && column.kind !== 'llm-object') throw new Error(`${column.name} is not an LLM column`);
  const messages: ChatMessage[] = buildMessages(planned, scope);
  const schema = column.kind === 'llm-object' ? column.schema : undefined;
  let raw: string | undefined;
  let error = '';
  let attempts = 0;
  for (let attempt = 0; attempt <= options.maxRepairs; attempt++) {
    attempts = attempt + 1;
    let reply;
    try {
      reply = await options.runner.call(
        column.model,
        {
          messages,
          schema,
          temperature: column.temperature,
          maxTokens: column.max_tokens,
          seed: deriveSeed(options.seed, idx, column.name, attempt),
          logprobs: column.logprobs,
          signal: options.signal,
        },
        { idx, column: column.name, resumed: options.resumed },
      );
    } catch (callError) {
      if (options.signal?.aborted) throw callError;
      // A rejected key or an unknown model would fail every call: stop the run with the reason.
      if (callError instanceof ModelCallError && [401, 403, 404].includes(callError.details.status ?? 0)) {
        throw new ModelSetupError(`model '${column.model}': ${callError.message}`);
      }
      // Any other call that failed after its retries flags the cell; the run goes on.
      if (callError instanceof ModelCallError) {
        return { idx, column: column.name, value: null, ok: false, error: `model call failed: ${callError.message}`, raw, attempts };
      }
      throw callError;
    }
    raw = reply.text;
    const parsed = schema ? parseObjectReply(reply.text, planned.validate!) : parseTextReply(reply.text);
    if (parsed.ok) {
      return { idx, column: column.name, value: parsed.value, ok: true, reasoning: reply.reasoning, logprobs: reply.logprobs, attempts };
    }
    error = parsed.error;
    messages.push({ role: 'assistant', content: reply.text }, { role: 'user', content: repairInstruction(parsed.error, schema) });
  }
  return { idx, column: column.name, value: null, ok: false, error: `${error} (after ${attempts} attempt${attempts > 1 ? 's' : ''})`, raw, attempts };
}
