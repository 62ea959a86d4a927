/**
 * Fills one LLM cell: render the prompt (with this record's few-shot examples and, when asked, a
 * request for step-by-step reasoning), call the model, check the reply, and on a bad reply ask
 * again with the reason, up to `maxRepairs` times. A cell that never passes keeps its last raw
 * reply and the reason, and is flagged; the run goes on.
 */
import type { PlannedColumn } from './column-kind.js';
import type { PromptColumn, PromptState } from './prompt-column.js';
import type { ModelRunner } from '../models/model-runner.js';
import { ModelCallError, ModelSetupError, type ChatMessage, type ModelRequest } from '../models/types.js';
import type { CellRow } from '../store/run-store.js';
import { buildMessages } from '../prompting/build-messages.js';
import { parseObjectReply, parseTextReply, repairInstruction, type ParsedReply } from '../models/parse-reply.js';
import { splitReasoning, unwrapReasoning, withReasoningField } from '../models/reasoning-reply.js';
import { COT_INSTRUCTION } from '../prompting/reasoning.js';
import { formatExamples } from '../prompting/few-shot/format-examples.js';
import { copiedExample } from '../prompting/few-shot/copy-check.js';
import { deriveSeed } from '../core/rng.js';
import { formatPassages } from '../prompting/format-passages.js';
import { sourceRef, type SourceRef } from './sample-grounding.js';
import type { OpenedKnowledgeBase } from './open-knowledge-bases.js';

export interface FillOptions {
  runner: ModelRunner;
  seed: number;
  maxRepairs: number;
  signal?: AbortSignal;
  /** Knowledge bases opened for the run, by path (for retrieval). */
  kbs: Map<string, OpenedKnowledgeBase>;
}

const DEFAULT_COPY_THRESHOLD = 0.8;
const DEFAULT_TOP_K = 3;

/** Calls a model for a cell, turning failures into flags except those that would fail every call. */
export async function callForCell(
  options: FillOptions,
  model: string,
  request: ModelRequest,
  idx: number,
  column: string,
): Promise<{ reply?: Awaited<ReturnType<ModelRunner['call']>>; error?: string }> {
  try {
    return { reply: await options.runner.call(model, { ...request, signal: options.signal }, { idx, column }) };
  } catch (callError) {
    if (options.signal?.aborted) throw callError;
    // A rejected key or an unknown model would fail every call: stop the run with the reason.
    if (callError instanceof ModelCallError && [401, 403, 404].includes(callError.details.status ?? 0)) {
      throw new ModelSetupError(`model '${model}': ${callError.message}`);
    }
    // Any other call that failed after its retries flags the cell; the run goes on.
    if (callError instanceof ModelCallError) return { error: `model call failed: ${callError.message}` };
    throw callError;
  }
}

export async function fillLlmCell(planned: PlannedColumn<PromptColumn, PromptState>, idx: number, scope: Record<string, unknown>, options: FillOptions): Promise<CellRow> {
  const column = planned.column;
  // Retrieval first: with nothing to ground on, the model is not asked to make things up.
  let passages = '';
  let sources: SourceRef[] | undefined;
  if (column.retrieve) {
    const query = planned.templates.query.render(scope);
    const { kb } = options.kbs.get(column.retrieve.kb)!;
    const search = { topK: column.retrieve.top_k ?? DEFAULT_TOP_K, minScore: column.retrieve.min_score };
    const hits = column.retrieve.hybrid ? await kb.searchHybrid(query, search) : kb.search(query, search);
    if (!hits.length) {
      return { idx, column: column.name, value: null, ok: false, error: `no passage matched the retrieval query "${query.slice(0, 120)}"`, attempts: 0, sources: [] };
    }
    passages = formatPassages(hits);
    sources = hits.map(sourceRef);
  }
  const selection = planned.state.fewShot?.selector.select(idx, scope);
  const fewShotText = selection ? formatExamples(selection.examples, { fields: column.few_shot?.fields }) : '';
  const exampleTexts = selection?.examples.map((e) => Object.values(e).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n')) ?? [];
  const messages: ChatMessage[] = buildMessages(planned, scope, {
    passages,
    fewShot: fewShotText,
    cotInstruction: column.reasoning && column.kind === 'llm-text' ? COT_INSTRUCTION : undefined,
  });
  const baseSchema = column.kind === 'llm-object' ? column.schema : undefined;
  // Structured replies carry their reasoning in a field of their own, written before the answer.
  const schema = baseSchema && column.reasoning ? withReasoningField(baseSchema) : baseSchema;
  const base = { idx, column: column.name, fewShot: selection?.indexes, sources };

  let raw: string | undefined;
  let error = '';
  let attempts = 0;
  for (let attempt = 0; attempt <= options.maxRepairs; attempt++) {
    attempts = attempt + 1;
    const request = {
      messages,
      schema,
      temperature: column.temperature,
      maxTokens: column.max_tokens,
      seed: deriveSeed(options.seed, idx, column.name, attempt),
      logprobs: column.logprobs,
    };
    const { reply, error: callError } = await callForCell(options, column.model, request, idx, column.name);
    if (!reply) return { ...base, value: null, ok: false, error: callError, raw, attempts };
    raw = reply.text;
    const parsed = parseReply(reply.text, reply.reasoning, planned, !!column.reasoning);
    if (parsed.ok) {
      const copied = exampleTexts.length ? copiedExample(answerText(parsed.value), exampleTexts, { threshold: column.few_shot?.copy_threshold ?? DEFAULT_COPY_THRESHOLD }) : undefined;
      if (!copied) {
        return { ...base, value: parsed.value, ok: true, reasoning: parsed.reasoning, logprobs: reply.logprobs, attempts };
      }
      error = `the reply ${copied.verbatim ? 'copies' : 'nearly copies'} few-shot example ${copied.index + 1} (similarity ${copied.similarity.toFixed(2)}); write something new`;
    } else {
      error = parsed.error;
    }
    messages.push({ role: 'assistant', content: reply.text }, { role: 'user', content: repairInstruction(error, schema) });
  }
  return { ...base, value: null, ok: false, error: `${error} (after ${attempts} attempt${attempts > 1 ? 's' : ''})`, raw, attempts };
}

function parseReply(text: string, nativeReasoning: string | undefined, planned: PlannedColumn<PromptColumn, PromptState>, reasoning: boolean): ParsedReply & { reasoning?: string } {
  if (planned.column.kind === 'llm-object') {
    if (!reasoning) return { ...parseObjectReply(text, planned.state.validate!), reasoning: nativeReasoning };
    const parsed = parseObjectReply(text, planned.state.validateWithReasoning!);
    if (!parsed.ok) return parsed;
    const { reasoning: fieldReasoning, answer } = unwrapReasoning(parsed.value);
    return { ok: true, value: answer, reasoning: nativeReasoning ?? fieldReasoning };
  }
  const split = reasoning || nativeReasoning ? splitReasoning(text, nativeReasoning) : { answer: text };
  const parsed = parseTextReply(split.answer);
  if (parsed.ok && reasoning && !split.reasoning) return { ok: false, error: 'the reply has no reasoning before the answer' };
  return { ...parsed, reasoning: split.reasoning };
}

function answerText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
