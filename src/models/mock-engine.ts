/**
 * An in-process engine that answers from a script, for tests and for library users who want to
 * try a recipe or a stage without HTTP or a GGUF file (as the AI SDK ships MockLanguageModelV2).
 * It behaves like a real engine where callers can tell: it reports usage, honours the abort
 * signal, and throws ModelCallErrors (retryable or not) when the script says so. Each engine keeps
 * its own call log, so two engines in one process never share state.
 */
import { SynthkitError } from '../core/synthkit-error.js';
import type { ModelEngine, ModelRequest, ModelResponse, TokenUsage } from './types.js';

/**
 * One scripted answer: the reply text, a full response (reasoning, usage, logprobs...), or an
 * error to throw (a ModelCallError to act as a failing server).
 */
export type MockReply = string | (Partial<ModelResponse> & { text: string }) | Error;

export interface MockEngineOptions {
  /**
   * The replies, in call order, or a function of the request and the call number (0 for the
   * first call) that may be async. A list that runs out throws MockEngineError.
   */
  replies: readonly MockReply[] | ((request: ModelRequest, call: number) => MockReply | Promise<MockReply>);
  /** Cache identity. Default 'mock'; give distinct ids to engines whose replies differ. */
  id?: string;
}

export interface MockEngine extends ModelEngine {
  /** The requests seen so far, in order, copied when they arrived and without their signal. */
  readonly requests: readonly Omit<ModelRequest, 'signal'>[];
}

/** The script had no reply for a call: a test asked the model more often than it expected. */
export class MockEngineError extends SynthkitError {}

/** About 4 characters a token, OpenAI's rule of thumb for English: close enough to sum and price. */
const CHARS_PER_TOKEN = 4;

export function createMockEngine(options: MockEngineOptions): MockEngine {
  const requests: Omit<ModelRequest, 'signal'>[] = [];
  const id = options.id ?? 'mock';
  return {
    id,
    requests,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const { signal, ...rest } = request;
      signal?.throwIfAborted();
      const call = requests.length;
      // A copy: callers may reuse and extend their message arrays after the call.
      requests.push(structuredClone(rest));
      const reply = await abortable(scripted(options.replies, request, call, id), signal);
      if (reply instanceof Error) throw reply;
      const response = typeof reply === 'string' ? { text: reply } : reply;
      return { ...response, usage: response.usage ?? estimateUsage(request, response.text) };
    },
  };
}

async function scripted(replies: MockEngineOptions['replies'], request: ModelRequest, call: number, id: string): Promise<MockReply> {
  if (typeof replies === 'function') return replies(request, call);
  if (call >= replies.length) throw new MockEngineError(`mock engine '${id}' has ${replies.length} scripted replies; call ${call + 1} has none`);
  return replies[call];
}

/** Rejects with the signal's reason when it fires first, as a real engine's fetch would. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function estimateUsage(request: ModelRequest, text: string): TokenUsage {
  const inputChars = request.messages.reduce((n, m) => n + m.content.length, 0);
  return { inputTokens: Math.ceil(inputChars / CHARS_PER_TOKEN), outputTokens: Math.ceil(text.length / CHARS_PER_TOKEN) };
}
