/**
 * Model calls as jobs on a BullMQ queue over Redis, so workers on any number of machines make the
 * calls while one coordinator keeps the run store (the only writer).
 *
 * Tasks are single model calls, not whole records: the coordinator keeps every piece of state
 * (the run store, the cache, repairs, dependent columns, budgets, knowledge bases, seed files) and
 * workers need nothing but the model's config and their own API keys. A job's id is the call's
 * cache key, so the same call is one job: a coordinator that is killed and resumed reattaches to
 * the job still queued or running, and a duplicate completion (a worker that was presumed dead)
 * is the same job completing, which the coordinator stores once.
 */
import { Job, Queue, QueueEvents, type ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { hash } from 'node:crypto';
import { subscribeAbort } from '../abort-fanout.js';
import type { ModelConfig } from '../model-config.js';
import { ModelCallError, ModelSetupError, type ModelEngine, type ModelRequest, type ModelResponse } from '../types.js';

import { DEFAULT_QUEUE_NAME } from './run-worker.js';

export interface CallJobData {
  /** The recipe's name for the model. */
  model: string;
  /** Never holds a key: workers read keys from their own environment. */
  config: ModelConfig;
  request: Omit<ModelRequest, 'signal'>;
}

/** What a worker hands back: the reply, or the error as data (so its kind survives the trip). */
export type CallJobResult =
  | { ok: ModelResponse }
  | { error: { message: string; retryable: boolean; status?: number; retryAfterMs?: number } }
  | { setup: string };

/** ioredis as BullMQ needs it: no per-command retry cap, since workers block on the queue. */
export function redisConnection(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  // A lost connection is retried by ioredis and felt by the commands waiting on it; unhandled, each
  // reconnect attempt would print a stack trace.
  redis.on('error', () => {});
  return redis;
}

export interface CallQueue {
  engineFor(model: string, config: ModelConfig): ModelEngine;
  close(): Promise<void>;
}

export interface CallQueueOptions {
  name?: string;
  /** Scopes job ids to one run: its resume finds its jobs, other runs never share them. */
  runId?: string;
  /**
   * How often calls still waiting are checked against the queue (ms): a finished job whose event
   * was missed is taken, and a job a Redis restarted without its data lost is queued again.
   * Default 10,000.
   */
  recheckMs?: number;
}

interface Waiting {
  data: CallJobData;
  resolve: (result: CallJobResult) => void;
  reject: (error: unknown) => void;
}

export async function openCallQueue(url: string, options: CallQueueOptions = {}): Promise<CallQueue> {
  const name = options.name ?? DEFAULT_QUEUE_NAME;
  const connection = redisConnection(url);
  const eventsConnection = redisConnection(url);
  const queue = new Queue<CallJobData, CallJobResult>(name, { connection: connection as ConnectionOptions });
  const events = new QueueEvents(name, { connection: eventsConnection as ConnectionOptions });
  // Redis going away is reported by the calls that wait on it; the clients reconnect on their own.
  queue.on('error', () => {});
  events.on('error', () => {});
  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  } catch (error) {
    await Promise.allSettled([queue.close(), events.close()]);
    connection.disconnect();
    eventsConnection.disconnect();
    throw new ModelSetupError(`cannot reach the queue at ${url}: ${(error as Error).message}`);
  }

  // One listener for all calls (a listener per job costs O(calls) and warns past ten).
  const waiting = new Map<string, Waiting[]>();
  const settle = (jobId: string, act: (w: Waiting) => void) => {
    const list = waiting.get(jobId);
    if (!list) return;
    waiting.delete(jobId);
    for (const w of list) act(w);
  };
  events.on('completed', ({ jobId, returnvalue }) => {
    const result = resultOf(returnvalue);
    // A completion without a result (seen after Redis restarted empty) is looked up and, if need be, run again.
    if (result) settle(jobId, (w) => w.resolve(result));
    else reattach(jobId).catch(() => {});
  });
  events.on('failed', ({ jobId, failedReason }) =>
    settle(jobId, (w) => w.reject(new ModelCallError(`a worker failed the call: ${failedReason}`, { retryable: false }))),
  );

  const jobOptions = { removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 24 * 3600 } };
  // Adds of one event-loop turn go to Redis together (one round trip instead of one per call).
  let toAdd: { jobId: string; data: CallJobData }[] = [];
  const flushAdds = () => {
    const jobs = toAdd;
    toAdd = [];
    queue.addBulk(jobs.map(({ jobId, data }) => ({ name: 'call', data, opts: { ...jobOptions, jobId } }))).catch((error) => {
      for (const { jobId } of jobs) settle(jobId, (w) => w.reject(error));
    });
  };
  const enqueue = (jobId: string, data: CallJobData) => {
    if (!toAdd.length) setImmediate(flushAdds);
    toAdd.push({ jobId, data });
  };

  /** A job that was already there (a resumed coordinator's): answer at once if it has finished, run it again if it failed. */
  async function reattach(jobId: string): Promise<void> {
    const list = waiting.get(jobId);
    if (!list) return;
    const job = await Job.fromId<CallJobData, CallJobResult>(queue, jobId);
    const state = job ? await job.getState() : 'unknown';
    const result = state === 'completed' ? resultOf(job!.returnvalue) : undefined;
    if (result) settle(jobId, (w) => w.resolve(result));
    else if (state === 'failed' || state === 'completed') {
      await job!.remove();
      enqueue(jobId, list[0].data);
    } else if (state === 'unknown') enqueue(jobId, list[0].data);
  }
  // BullMQ reports an add whose job id exists as a "duplicated" event.
  (events as unknown as NodeJS.EventEmitter).on('duplicated', ({ jobId }: { jobId: string }) => {
    reattach(jobId).catch(() => {});
  });

  // Events are a stream read from "now": one missed (a reconnect, a restarted Redis) must not
  // leave a call waiting forever, so waiting calls are looked up now and then.
  const recheck = setInterval(async () => {
    for (const jobId of [...waiting.keys()]) {
      try {
        await reattach(jobId);
      } catch {
        return; // Redis is still away; try again next time.
      }
    }
  }, options.recheckMs ?? 10_000);
  recheck.unref();

  return {
    engineFor(model: string, config: ModelConfig): ModelEngine {
      const id = `queue:${JSON.stringify(config)}`;
      return {
        id,
        async generate(request: ModelRequest): Promise<ModelResponse> {
          const { signal, ...plain } = request;
          const jobId = hash('sha256', `${options.runId ?? ''}\0${id}\0${JSON.stringify(plain)}`, 'base64url');
          const data: CallJobData = { model, config, request: plain };
          const pending = new Promise<CallJobResult>((resolve, reject) => {
            const list = waiting.get(jobId);
            if (list) list.push({ data, resolve, reject });
            else waiting.set(jobId, [{ data, resolve, reject }]);
          });
          // Registered before the add, so a completion that comes at once is not missed.
          enqueue(jobId, data);
          const result = signal ? await abortable(pending, signal) : await pending;
          if ('ok' in result) return result.ok;
          if ('setup' in result) throw new ModelSetupError(result.setup);
          const { message, ...details } = result.error;
          throw new ModelCallError(message, details);
        },
      };
    },
    async close() {
      clearInterval(recheck);
      await Promise.allSettled([queue.close(), events.close()]);
      connection.disconnect();
      eventsConnection.disconnect();
    },
  };
}

/** A worker's answer as the queue hands it back (an object, or JSON text), or undefined when there is none. */
function resultOf(value: unknown): CallJobResult | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return parsed !== null && typeof parsed === 'object' ? (parsed as CallJobResult) : undefined;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const unsubscribe = subscribeAbort(signal, () => reject(signal.reason));
    promise.then(resolve, reject).finally(unsubscribe);
  });
}
