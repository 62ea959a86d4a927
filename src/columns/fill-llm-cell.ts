/**
 * Fills one LLM cell: render the prompt (with this record's few-shot examples and, when asked, a
 * request for step-by-step reasoning) and ask the model through generateStructured, which checks
 * the reply (schema, reasoning, few-shot copies) and asks again with the reason up to `maxRepairs`
 * times. A cell that never passes keeps its last raw reply, the message and a stable `reason`
 * (call_failed, invalid_reply, no_passage), and is flagged; the run goes on.
 */
import type { PlannedColumn } from './column-kind.js';
import type { PromptColumn, PromptState } from './prompt-column.js';
import type { ModelRunner } from '../models/model-runner.js';
import type { ChatMessage } from '../models/types.js';
import type { CellRow } from '../store/run-store.js';
import { buildMessages } from '../prompting/build-messages.js';
import { generateStructured } from '../models/generate-structured.js';
import { COT_INSTRUCTION } from '../prompting/reasoning.js';
import { formatExamples } from '../prompting/few-shot/format-examples.js';
import { copiedExample } from '../prompting/few-shot/copy-check.js';
import { deriveSeed } from '../core/rng.js';
import { formatPassages } from '../prompting/format-passages.js';
import { sourceRef, type SourceRef } from './sample-grounding.js';
import type { OpenedKnowledgeBase } from './open-knowledge-bases.js';
import { DATA_PREFACE, fenceScope, stringLeaves } from '../prompting/fence-data.js';
import { screenInjection } from '../safety/injection/screen-injection.js';
import { INJECTION_BLOCKED, resolveGuard, type InjectionGuard, type SafetyConfig, type SafetyNote } from '../safety/injection/guard-config.js';

export interface FillOptions {
  runner: ModelRunner;
  seed: number;
  maxRepairs: number;
  signal?: AbortSignal;
  /** Knowledge bases opened for the run, by path (for retrieval). */
  kbs: Map<string, OpenedKnowledgeBase>;
  /** The recipe's safety: section (injection guard). */
  safety?: SafetyConfig;
  /** Columns whose values come from data: fenced in the prompt, screened by the guard. */
  untrusted?: ReadonlySet<string>;
}

const DEFAULT_COPY_THRESHOLD = 0.8;
const DEFAULT_TOP_K = 3;

/** Why a cell grounded by retrieval was flagged without a model call: no passage scored above min_score. */
export const NO_PASSAGE = 'no_passage';

export async function fillLlmCell(
  planned: PlannedColumn<PromptColumn, PromptState>,
  idx: number,
  scope: Record<string, unknown>,
  options: FillOptions,
): Promise<CellRow> {
  const column = planned.column;
  // Retrieval first: with nothing to ground on, the model is not asked to make things up.
  let passages = '';
  let passageTexts: { from: string; text: string }[] = [];
  let sources: SourceRef[] | undefined;
  if (column.retrieve) {
    const query = planned.templates.query.render(scope);
    const { kb } = options.kbs.get(column.retrieve.kb)!;
    const search = { topK: column.retrieve.top_k ?? DEFAULT_TOP_K, minScore: column.retrieve.min_score };
    const hits = column.retrieve.hybrid ? await kb.searchHybrid(query, search) : kb.search(query, search);
    if (!hits.length) {
      return {
        idx,
        column: column.name,
        value: null,
        ok: false,
        reason: NO_PASSAGE,
        error: `no passage matched the retrieval query "${query.slice(0, 120)}"`,
        attempts: 0,
        sources: [],
      };
    }
    passages = formatPassages(hits);
    passageTexts = hits.map((h) => ({ from: `passage:${h.id}`, text: h.text }));
    sources = hits.map(sourceRef);
  }
  const selection = planned.state.fewShot?.selector.select(idx, scope);
  const fewShotText = selection ? formatExamples(selection.examples, { fields: column.few_shot?.fields }) : '';
  const exampleTexts =
    selection?.examples.map((e) =>
      Object.values(e)
        .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
        .join('\n'),
    ) ?? [];
  // Values from data reach the prompt fenced (unless the column opts out) and, with a guard on, screened.
  const dataInputs = planned.dependsOn.filter((name) => options.untrusted?.has(name) && Object.hasOwn(scope, name));
  const guard = resolveGuard(options.safety, column.injection);
  const notes: SafetyNote[] = [];
  if (guard.inputs !== 'off') {
    const texts = [
      ...dataInputs.flatMap((name) => stringLeaves(scope[name], `column:${name}`)),
      ...(selection?.examples ?? []).map((e, i) => ({ from: `few_shot:${selection!.indexes[i]}`, text: exampleTexts[i] ?? JSON.stringify(e) })),
      ...passageTexts,
    ];
    for (const t of texts) {
      const note = screenNote(t.text, t.from, 'input', guard);
      if (note) notes.push(note);
    }
    const blocked = notes.find((n) => n.action === 'block');
    if (blocked) {
      return {
        idx,
        column: column.name,
        value: null,
        ok: false,
        reason: INJECTION_BLOCKED,
        error: `${INJECTION_BLOCKED}: ${blocked.source} reads as a prompt injection (${blocked.categories.join(', ')}; score ${blocked.score}); the prompt was not sent`,
        attempts: 0,
        fewShot: selection?.indexes,
        sources,
        safety: notes,
      };
    }
  }
  const fenced = column.fence_data === false ? [] : dataInputs;
  const promptScope = fenced.length ? fenceScope(scope, fenced) : scope;
  const messages: ChatMessage[] = buildMessages({ prompt: planned.templates.prompt, system: planned.templates.system }, promptScope, {
    dataPreface: fenced.length ? DATA_PREFACE : undefined,
    passages,
    fewShot: fewShotText,
    cotInstruction: column.reasoning && column.kind === 'llm-text' ? COT_INSTRUCTION : undefined,
  });
  const base = { idx, column: column.name, fewShot: selection?.indexes, sources };
  const copyThreshold = column.few_shot?.copy_threshold ?? DEFAULT_COPY_THRESHOLD;
  const isObject = column.kind === 'llm-object';
  const result = await generateStructured(options.runner, {
    model: column.model,
    messages,
    // Structured replies carry their reasoning in a field of their own, written before the answer.
    schema: column.kind === 'llm-object' ? column.schema : undefined,
    validate: isObject ? (column.reasoning ? planned.state.validateWithReasoning : planned.state.validate) : undefined,
    reasoning: column.reasoning ? (isObject ? 'field' : 'inline') : 'none',
    maxRepairs: options.maxRepairs,
    // Few-shot copy detection: a reply that (nearly) copies an example is asked again.
    check: (value) => {
      const copied = exampleTexts.length ? copiedExample(answerText(value), exampleTexts, { threshold: copyThreshold }) : undefined;
      return (
        copied &&
        `the reply ${copied.verbatim ? 'copies' : 'nearly copies'} few-shot example ${copied.index + 1} (similarity ${copied.similarity.toFixed(2)}); write something new`
      );
    },
    temperature: column.temperature,
    maxTokens: column.max_tokens,
    seed: (attempt) => deriveSeed(options.seed, idx, column.name, attempt),
    logprobs: column.logprobs,
    signal: options.signal,
    context: { idx, column: column.name },
  });
  const safety = notes.length ? { safety: notes } : {};
  if (!result.ok) return { ...base, ...safety, value: null, ok: false, reason: result.reason, error: result.error, raw: result.raw, attempts: result.attempts };
  if (guard.outputs !== 'off') {
    const note = screenNote(answerText(result.value), 'output', 'output', guard);
    if (note) notes.push(note);
    if (note?.action === 'block') {
      return {
        ...base,
        value: null,
        ok: false,
        reason: INJECTION_BLOCKED,
        error: `${INJECTION_BLOCKED}: the reply reads as a prompt injection (${note.categories.join(', ')}; score ${note.score}); it is not passed on`,
        raw: result.raw,
        attempts: result.attempts,
        safety: notes,
      };
    }
  }
  return {
    ...base,
    ...(notes.length ? { safety: notes } : {}),
    value: result.value,
    ok: true,
    reasoning: result.reasoning,
    logprobs: result.logprobs,
    attempts: result.attempts,
  };
}

function screenNote(text: string, source: string, side: SafetyNote['side'], guard: InjectionGuard): SafetyNote | undefined {
  const action = side === 'input' ? guard.inputs : guard.outputs;
  if (action === 'off') return undefined;
  const verdict = screenInjection(text, { threshold: guard.threshold });
  if (!verdict.flagged) return undefined;
  return { side, source, action, score: verdict.score, categories: verdict.categories, rules: verdict.findings.map((f) => f.rule) };
}

function answerText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
