/**
 * One provider's batch API, reduced to what the batch engine needs: submit a set of requests
 * (each with its custom_id), and check a batch, which once it has ended yields every request's
 * outcome. The OpenAI Batch API and Anthropic's Message Batches API each implement it.
 */
import type { ModelCallError, ModelRequest, ModelResponse } from '../types.js';

export interface BatchItem {
  customId: string;
  request: ModelRequest;
}

/**
 * What became of one request of an ended batch: a reply; `resubmit` when the provider did not run
 * it (expired, cancelled, a server error), so it goes into a later batch; or a final error.
 */
export type BatchOutcome = { kind: 'ok'; response: ModelResponse } | { kind: 'resubmit'; reason: string } | { kind: 'error'; error: ModelCallError };

export type BatchCheck =
  | { state: 'running' }
  /** Outcomes by custom_id; a request with none (a malformed result line) fails on its own. */
  | { state: 'ended'; outcomes: Map<string, BatchOutcome>; note?: string };

export interface BatchClient {
  readonly provider: 'openai' | 'anthropic';
  /** The batch's id, once the provider holds it. */
  submit(items: BatchItem[], signal?: AbortSignal): Promise<string>;
  /** `requestOf` gives the request behind a custom_id where this process knows it (Anthropic unwraps non-object answers by it). */
  check(batchId: string, requestOf: (customId: string) => ModelRequest | undefined, signal?: AbortSignal): Promise<BatchCheck>;
}

/** Where submitted batches are written before they are polled, so a resumed run reattaches (the run store implements it). */
export interface BatchLedger {
  /** Records a submitted batch and its custom_ids in one transaction. */
  recordBatch(batchId: string, provider: string, model: string, customIds: string[]): void;
  /** The unfinished batch holding this custom_id, if any. */
  pendingBatchOf(customId: string): string | undefined;
  /** A reply that arrived in a batch and was not yet taken by a call. */
  storedResult(customId: string): ModelResponse | undefined;
  /** Marks a batch ended, keeping every reply in it at once (nothing paid for is lost on a kill). */
  finishBatch(batchId: string, results: Map<string, ModelResponse>): void;
}
