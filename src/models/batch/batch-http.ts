/** The few HTTP calls of the batch APIs (uploads, creates, polls, downloads): rare and large, so plain fetch. */
import { describeNetworkFailure, oneLine } from '../network-error.js';
import { ModelCallError } from '../types.js';

export async function batchFetch(url: string, init: RequestInit, what: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ModelCallError(`${what}: ${describeNetworkFailure(error).text} (${url})`, { retryable: true });
  }
  const text = await response.text();
  if (!response.ok) {
    const retryable = response.status === 429 || response.status >= 500;
    throw new ModelCallError(`${what}: HTTP ${response.status} from ${url}: ${oneLine(text).slice(0, 300)}`, {
      retryable,
      status: response.status,
      body: text,
    });
  }
  return text;
}

/** Each non-empty line parsed, or the error for a line that is not JSON. */
export function* jsonLines(text: string): Generator<{ value?: unknown; error?: string; line: string }> {
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      yield { value: JSON.parse(line), line };
    } catch {
      yield { error: 'not JSON', line };
    }
  }
}
