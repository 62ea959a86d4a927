/**
 * The prompt side of a local call: its tokens, the check that it fits the context, and the reuse
 * of a shared prompt prefix from the sequence's KV cache.
 *
 * Why the prefix is handled here and not left to node-llama-cpp: LlamaChat reuses whatever tokens
 * a sequence still holds, but on the CPU a token's KV values depend on the batch it was evaluated
 * in, so a reply would depend on what the sequence ran before (measured on Gemma 3 270M: the same
 * seed gave different text). Here the prefix (everything before the last user message's text: the
 * system instructions and earlier turns, the same for every record of a column) is always
 * evaluated the same way, as one batch from an empty sequence, and reused only when the sequence
 * holds exactly that batch. Fresh or reused, the computation is the same, so the reply is too.
 *
 * Why the context check: when a prompt is longer than the context, LlamaChat silently drops the
 * start of the history (measured: an 881-token passage in a 512-token context was cut to 459
 * tokens without a word). A long retrieved passage must fail the call with the numbers instead.
 */
import type { ChatHistoryItem, LlamaChat, LlamaContextSequence, Token } from 'node-llama-cpp';

/** What one sequence holds: the prefix batch it evaluated last, while nothing else disturbed it. */
export interface SequencePrefix {
  tokens?: readonly Token[];
}

/** The tokens LlamaChat evaluates for `history` (the same rendering as its own). */
export function promptTokens(chat: LlamaChat, history: ChatHistoryItem[]): Token[] {
  return chat.chatWrapper.generateContextState({ chatHistory: history }).contextText.tokenize(chat.model.tokenizer);
}

/**
 * The prompt's reusable prefix: its tokens up to where the last user message's text starts,
 * found by rendering the history once more with that text left out.
 */
export function reusablePrefix(chat: LlamaChat, history: ChatHistoryItem[], full: Token[]): Token[] {
  let last = history.length - 1;
  while (last >= 0 && history[last]!.type !== 'user') last--;
  if (last < 0) return [];
  const other = promptTokens(
    chat,
    history.map((item, i) => (i === last ? { type: 'user', text: '' } : item)),
  );
  let n = 0;
  // At least one token is left for LlamaChat to evaluate: it needs a decode to sample from.
  while (n < full.length - 1 && n < other.length && full[n] === other[n]) n++;
  return full.slice(0, n);
}

/** Leaves exactly `prefix` in the sequence, from the KV cache when it holds that batch; true when reused. */
export async function loadPrefix(seq: LlamaContextSequence, state: SequencePrefix, prefix: readonly Token[]): Promise<boolean> {
  const held = state.tokens;
  state.tokens = undefined;
  if (held && held.length === prefix.length && held.every((t, i) => t === prefix[i]) && seq.nextTokenIndex >= prefix.length) {
    // Drop the last reply and prompt tail: LlamaChat would keep any tokens they share with the
    // new prompt, evaluated in another batch than a fresh run would.
    if (seq.nextTokenIndex > prefix.length) await seq.eraseContextTokenRanges([{ start: prefix.length, end: seq.nextTokenIndex }]);
    state.tokens = held;
    return true;
  }
  await seq.clearHistory();
  if (prefix.length) await seq.evaluateWithoutGeneratingNewTokens([...prefix]);
  state.tokens = [...prefix];
  return false;
}

/** Output tokens a call may use: its max_tokens, or fewer when the prompt leaves less room in the context. */
export function replyBudget(promptLength: number, maxTokens: number, contextSize: number): number {
  return Math.max(1, Math.min(maxTokens, contextSize - promptLength));
}

/**
 * The call's problem when the prompt leaves no room for a reply in the context, else undefined.
 * A prompt that fits but leaves less than max_tokens gets the room there is (see replyBudget):
 * that reply ends as one cut by max_tokens would, and nothing of the prompt is dropped.
 */
export function contextOverflow(promptLength: number, maxTokens: number, contextSize: number): string | undefined {
  if (promptLength < contextSize) return undefined;
  return `the prompt is ${promptLength} tokens and max_tokens ${maxTokens}, more than the model's context of ${contextSize} tokens`;
}
