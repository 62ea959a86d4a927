/**
 * An engine that sends its calls through a provider's batch API (about half the price of
 * interactive calls). `generate()` puts the request into an open batch and resolves when its
 * result arrives, so everything above (ModelRunner's run store and cache, repairs, dependent
 * columns, resume) works unchanged: repairs and later columns simply form follow-up batches.
 *
 * - An open batch is submitted when it reaches `maxBatchSize` requests, or `idleMs` after its
 *   first request (so a run with few records in flight does not wait for a full batch).
 * - A request's custom_id is its cache key (engine id + request), so the same call always has the
 *   same id. Identical calls in flight share one request.
 * - Each submitted batch and its custom_ids are written to the ledger (the run database) before
 *   it is polled. A resumed run asks for the same calls: one whose custom_id belongs to a batch
 *   still running waits on that batch (no second batch, nothing paid twice), and one whose
 *   reply arrived while no call was waiting for it is answered from the ledger.
 * - Expired, cancelled and server-failed requests go into a later batch, up to `maxResubmits`
 *   times; requests the provider refused, malformed result lines and requests missing from the
 *   results fail on their own as ModelCallErrors (the cell is flagged, a resume retries it).
 */
import { subscribeAbort } from '../abort-fanout.js';
import { cacheKey } from '../model-runner.js';
import { ModelCallError, type ModelEngine, type ModelRequest, type ModelResponse } from '../types.js';
import type { BatchClient, BatchLedger } from './batch-client.js';

export interface BatchEngineOptions {
  /** Cache identity, as the interactive engine's (the batch discount does not change replies). */
  id: string;
  /** The recipe's name for the model, for the ledger and messages. */
  model: string;
  client: BatchClient;
  ledger: BatchLedger;
  /** Default 10,000 (OpenAI takes 50,000 a batch, Anthropic 100,000). */
  maxBatchSize?: number;
  /** Default 1,000 ms. */
  idleMs?: number;
  /** Default 30,000 ms: batches take minutes to hours. */
  pollMs?: number;
  /** Default 3. */
  maxResubmits?: number;
}

interface Waiter {
  resolve: (response: ModelResponse) => void;
  reject: (error: unknown) => void;
}

interface Call {
  request: ModelRequest;
  waiters: Waiter[];
  /** Times it was sent and came back unrun. */
  resubmits: number;
  batchId?: string;
}

export const DEFAULT_BATCH_SIZE = 10_000;

export function createBatchEngine(options: BatchEngineOptions): ModelEngine {
  const maxBatchSize = options.maxBatchSize ?? DEFAULT_BATCH_SIZE;
  const idleMs = options.idleMs ?? 1000;
  const pollMs = options.pollMs ?? 30_000;
  const maxResubmits = options.maxResubmits ?? 3;
  const { client, ledger } = options;
  /** Every call not yet answered, by custom_id: waiting to be sent, being sent, or in a batch. */
  const calls = new Map<string, Call>();
  let open: string[] = [];
  let flushTimer: NodeJS.Timeout | undefined;
  const polling = new Set<string>();
  /** Submissions under way: closing waits for them, so a batch the provider holds is always recorded. */
  const submitting = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  function enqueue(customId: string): void {
    open.push(customId);
    if (open.length >= maxBatchSize) flush();
    else flushTimer ??= setTimeout(flush, idleMs);
  }

  function flush(): void {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
    const ids = open.filter((id) => calls.has(id));
    open = [];
    if (!ids.length || closed) return;
    const done = submit(ids).finally(() => submitting.delete(done));
    submitting.add(done);
  }

  async function submit(ids: string[]): Promise<void> {
    let batchId: string;
    try {
      batchId = await client.submit(ids.map((customId) => ({ customId, request: calls.get(customId)!.request })));
      // Written before the first poll: a kill from here on reattaches instead of submitting again.
      ledger.recordBatch(batchId, client.provider, options.model, ids);
    } catch (error) {
      for (const id of ids) settle(id, (w) => w.reject(error));
      return;
    }
    for (const id of ids) {
      const call = calls.get(id);
      if (call) call.batchId = batchId;
    }
    if (!closed) poll(batchId);
  }

  function poll(batchId: string, failures = 0): void {
    if (polling.has(batchId) && failures === 0) return;
    polling.add(batchId);
    const timer = setTimeout(
      async () => {
        timers.delete(timer);
        if (closed) return;
        try {
          const check = await client.check(batchId, (id) => calls.get(id)?.request);
          if (check.state === 'running') return poll(batchId, 1);
          polling.delete(batchId);
          const replies = new Map<string, ModelResponse>();
          for (const [id, outcome] of check.outcomes) if (outcome.kind === 'ok') replies.set(id, outcome.response);
          ledger.finishBatch(batchId, replies);
          for (const [id, call] of [...calls]) {
            if (call.batchId !== batchId) continue;
            const outcome = check.outcomes.get(id);
            if (outcome?.kind === 'ok') settle(id, (w) => w.resolve(outcome.response));
            else if (outcome?.kind === 'error') settle(id, (w) => w.reject(outcome.error));
            else if (outcome?.kind === 'resubmit' && call.resubmits < maxResubmits) {
              call.resubmits++;
              call.batchId = undefined;
              enqueue(id);
            } else {
              const why =
                outcome?.kind === 'resubmit'
                  ? `came back unrun (${outcome.reason}) ${call.resubmits + 1} times`
                  : `has no usable result line${check.note ? ` (${check.note})` : ''}`;
              settle(id, (w) => w.reject(new ModelCallError(`model '${options.model}': batch request ${id} in batch ${batchId} ${why}`, { retryable: false })));
            }
          }
        } catch (error) {
          // A failed poll (network, 5xx) is tried again with backoff; the batch runs on at the provider.
          if (ModelCallError.isInstance(error) && (error as ModelCallError).retryable && failures < 8) return poll(batchId, failures + 1);
          polling.delete(batchId);
          for (const [id, call] of [...calls]) if (call.batchId === batchId) settle(id, (w) => w.reject(error));
        }
      },
      failures > 1 ? pollMs * Math.min(2 ** (failures - 1), 16) : pollMs,
    );
    timers.add(timer);
  }

  function settle(id: string, act: (waiter: Waiter) => void): void {
    const call = calls.get(id);
    if (!call) return;
    calls.delete(id);
    for (const waiter of call.waiters) act(waiter);
  }

  return {
    id: options.id,
    generate(request: ModelRequest): Promise<ModelResponse> {
      const signal = request.signal;
      if (signal?.aborted) return Promise.reject(signal.reason);
      const customId = cacheKey(options.id, request);
      const stored = ledger.storedResult(customId);
      if (stored) return Promise.resolve(stored);
      return new Promise<ModelResponse>((resolve, reject) => {
        const unsubscribe = signal ? subscribeAbort(signal, () => reject(signal.reason)) : undefined;
        const waiter: Waiter = {
          resolve: (r) => {
            unsubscribe?.();
            resolve(r);
          },
          reject: (e) => {
            unsubscribe?.();
            reject(e);
          },
        };
        const known = calls.get(customId);
        if (known) {
          known.waiters.push(waiter);
          return;
        }
        const { signal: _signal, ...plain } = request;
        const call: Call = { request: plain, waiters: [waiter], resubmits: 0 };
        calls.set(customId, call);
        const batchId = ledger.pendingBatchOf(customId);
        if (batchId) {
          call.batchId = batchId;
          poll(batchId);
        } else enqueue(customId);
      });
    },
    async close() {
      closed = true;
      if (flushTimer) clearTimeout(flushTimer);
      // A run stopped while a batch was being created: record it before the ledger closes, so
      // the resume reattaches to it instead of paying for its calls again.
      await Promise.allSettled([...submitting]);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
