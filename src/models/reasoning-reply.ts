/**
 * Chain-of-thought kept apart from the answer, on the reply side (the prompt text that asks for it,
 * COT_INSTRUCTION, lives in src/prompting/reasoning.ts). The reasoning must not leak into the
 * dataset column: it is stored beside the answer.
 *
 * Reasoning arrives in one of three ways, and `splitReasoning` handles each:
 * 1. natively, in a separate field of the engine's reply (OpenAI-compatible `reasoning_content`,
 *    Anthropic thinking blocks): the caller passes it in and the text is the answer as it is;
 * 2. inline in tags, as open reasoning models write it (DeepSeek-R1 and Qwen3 `<think>`), or as
 *    prompting's COT_INSTRUCTION asks for it (`<reasoning>`);
 * 3. as labelled sections, "Reasoning:" then "Answer:", from models that ignore the tags.
 */

import { SynthkitError } from '../core/synthkit-error.js';

/** Upper bound on the reasoning string of a structured reply, so a runaway chain cannot eat the token budget. */
export const REASONING_MAX_LENGTH = 2000;

export interface SplitReply {
  /** Absent when the reply held no reasoning (or only an empty think block). */
  reasoning?: string;
  answer: string;
}

/** Thrown when a structured reply that should carry {reasoning, answer} does not. */
export class ReasoningError extends SynthkitError {}

const TAG = '(think|thinking|reasoning)';
const CLOSED_BLOCK = new RegExp(`<${TAG}\\s*>([\\s\\S]*?)</\\1\\s*>`, 'gi');
const OPEN_AT_START = new RegExp(`^\\s*<${TAG}\\s*>`, 'i');
const CLOSE_TAG = new RegExp(`</${TAG}\\s*>`, 'i');
const OPEN_TAG = new RegExp(`<${TAG}\\s*>`, 'i');
/** "Reasoning:" at the very start, optionally in markdown bold. */
const REASONING_LABEL = /^\s*(?:\*\*|__)?(?:reasoning|thinking)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?/i;
/** An answer label at the start of a line: "Answer:", "Final answer:", "**Answer:**", "**Final Answer**:". */
const ANSWER_LABEL = /^[ \t]*(?:\*\*|__)?(final\s+answer|answer)[ \t]*(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*/gim;

/**
 * Separates reasoning from the answer. Rules, in order:
 * - `nativeReasoning` given and not blank: it is the reasoning, and `text` is the answer untouched
 *   unless it also holds reasoning tags (a natively reasoning model may still follow our
 *   chain-of-thought instruction): then the tag rules below split it, and the inline reasoning is
 *   appended to the native one, so no tag reaches the column.
 * - closed `<think>`, `<thinking>` or `<reasoning>` blocks anywhere: their contents (joined by a
 *   blank line) are the reasoning; the text after the last block, less a leading "Answer:"
 *   label, is the answer. A preamble before the first block ("Sure, let me think.") is dropped;
 *   only when nothing follows the last block is the text around the blocks the answer.
 * - a closing tag with no opening one: the text before it is reasoning. Chat templates of some
 *   reasoning models (DeepSeek-R1, Qwen3) put the opening `<think>` in the prompt, so the reply
 *   starts inside the block.
 * - an opening tag at the start that is never closed (the model ran out of tokens or forgot):
 *   everything up to the first blank line followed by an answer label is reasoning and the text
 *   after the label is the answer; with no such label it is all reasoning and the answer is ''
 *   (an empty answer, which the caller treats as a failed reply and asks again).
 * - a "Reasoning:" label at the start: the reasoning runs to the first "Final answer:" label at
 *   a line start, or failing that the first "Answer:" one; the answer is what follows. No label:
 *   all reasoning, answer ''.
 * - otherwise there is no reasoning and `text` is the answer untouched. An "Answer:" label alone
 *   is not taken as a marker: a generated Q&A pair or a worked solution contains one as content.
 */
export function splitReasoning(text: string, nativeReasoning?: string): SplitReply {
  if (nativeReasoning !== undefined && nativeReasoning.trim() !== '') {
    const inline = splitTagged(text);
    if (!inline) return { reasoning: nativeReasoning.trim(), answer: text };
    return { reasoning: [nativeReasoning.trim(), inline.reasoning].filter(Boolean).join('\n\n'), answer: inline.answer };
  }
  const tagged = splitTagged(text);
  if (tagged) return tagged;

  const reasoningLabel = REASONING_LABEL.exec(text);
  if (reasoningLabel) {
    const rest = text.slice(reasoningLabel[0].length);
    const labels = [...rest.matchAll(ANSWER_LABEL)];
    const label = labels.find((m) => /^final/i.test(m[1])) ?? labels[0];
    if (!label) return result(rest, '');
    return result(rest.slice(0, label.index), rest.slice(label.index + label[0].length));
  }

  return { answer: text };
}

/** The tag rules of `splitReasoning`; undefined when `text` holds no reasoning tag it recognises. */
function splitTagged(text: string): SplitReply | undefined {
  const blocks = [...text.matchAll(CLOSED_BLOCK)];
  if (blocks.length > 0) {
    const reasoning = blocks
      .map((m) => m[2].trim())
      .filter(Boolean)
      .join('\n\n');
    const last = blocks[blocks.length - 1];
    const after = text.slice(last.index + last[0].length);
    return result(reasoning, stripAnswerLabel(after.trim() ? after : text.replace(CLOSED_BLOCK, '')));
  }

  const close = CLOSE_TAG.exec(text);
  if (close && !OPEN_TAG.test(text.slice(0, close.index))) {
    return result(text.slice(0, close.index), stripAnswerLabel(text.slice(close.index + close[0].length)));
  }

  const open = OPEN_AT_START.exec(text);
  if (open) {
    const rest = text.slice(open[0].length);
    const label = /\n[ \t]*\r?\n[ \t]*(?:\*\*|__)?(?:final\s+answer|answer)[ \t]*(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?/i.exec(rest);
    return label ? result(rest.slice(0, label.index), rest.slice(label.index + label[0].length)) : result(rest, '');
  }
  return undefined;
}

function result(reasoning: string, answer: string): SplitReply {
  const trimmed = reasoning.trim();
  return trimmed ? { reasoning: trimmed, answer: answer.trim() } : { answer: answer.trim() };
}

function stripAnswerLabel(text: string): string {
  return text.trim().replace(/^(?:\*\*|__)?(?:final\s+answer|answer)[ \t]*(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?/i, '');
}

/**
 * Wraps a column's JSON Schema so the model writes its reasoning first and the answer second:
 * properties are generated in order, so the reasoning can inform the answer (with the answer first
 * it would be a justification written after the fact). `additionalProperties: false` and every
 * property required is what OpenAI's strict structured outputs demand.
 */
export function withReasoningField(schema: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      reasoning: { type: 'string', maxLength: REASONING_MAX_LENGTH },
      answer: schema,
    },
    required: ['reasoning', 'answer'],
    additionalProperties: false,
  };
}

/** The parts of a value produced under `withReasoningField`; the answer is what the column stores. */
export function unwrapReasoning(value: unknown): { reasoning?: string; answer: unknown } {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, 'answer')) {
    throw new ReasoningError('a chain-of-thought reply must be an object with "reasoning" and "answer"; "answer" is missing');
  }
  const { reasoning, answer } = value as { reasoning?: unknown; answer: unknown };
  if (reasoning !== undefined && typeof reasoning !== 'string') {
    throw new ReasoningError(`a chain-of-thought reply's "reasoning" must be a string, got ${reasoning === null ? 'null' : typeof reasoning}`);
  }
  const trimmed = reasoning?.trim();
  return trimmed ? { reasoning: trimmed, answer } : { answer };
}
