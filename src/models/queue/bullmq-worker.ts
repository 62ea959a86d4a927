/**
 * A queue worker: takes model-call jobs (see call-queue.ts), builds each model's engine from the
 * job's config (keys from this machine's environment; retries, rate limits and adaptive
 * concurrency as in a single process), makes the call and hands back the reply.
 *
 * A worker killed mid-call loses nothing: its job's lock runs out and BullMQ's stalled-job check
 * puts the job back for another worker.
 */
import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import { createEngines } from '../create-engines.js';
import { ModelCallError, ModelSetupError, type ModelEngine } from '../types.js';
import { type CallJobData, type CallJobResult, redisConnection } from './call-queue.js';
import { DEFAULT_QUEUE_NAME, type WorkerOptions } from './run-worker.js';

/** Loaded on demand by run-worker.ts. */
export async function runBullmqWorker(options: WorkerOptions): Promise<void> {
  const engines = new Map<string, Promise<ModelEngine>>();
  const engineFor = (data: CallJobData): Promise<ModelEngine> => {
    const key = `${data.model}\0${JSON.stringify(data.config)}`;
    let engine = engines.get(key);
    if (!engine) {
      engine = createEngines({ models: { [data.model]: data.config } }, new Set([data.model])).then((m) => m.get(data.model)!);
      // A failed build (no key here) is tried again on the next job, after the user fixed it.
      engine.catch(() => engines.delete(key));
      engines.set(key, engine);
    }
    return engine;
  };

  const process = async (job: Job<CallJobData, CallJobResult>): Promise<CallJobResult> => {
    try {
      const engine = await engineFor(job.data);
      const response = await engine.generate(job.data.request);
      options.onCall?.(job.data.model, true);
      return { ok: response };
    } catch (error) {
      options.onCall?.(job.data.model, false);
      if (ModelSetupError.isInstance(error)) return { setup: (error as Error).message };
      if (ModelCallError.isInstance(error))
        return { error: { message: (error as Error).message, ...(error as ModelCallError).details, body: undefined } as never };
      throw error;
    }
  };

  const lockDuration = options.lockMs ?? 30_000;
  const connection = redisConnection(options.url);
  const worker = new Worker<CallJobData, CallJobResult>(options.queueName ?? DEFAULT_QUEUE_NAME, process, {
    connection: connection as ConnectionOptions,
    concurrency: options.concurrency ?? 64,
    lockDuration,
    stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
    maxStalledCount: 5,
  });
  // Redis going away (a restart) is waited out: the client reconnects and the worker goes on.
  worker.on('error', () => {});
  await worker.waitUntilReady();
  await new Promise<void>((resolve) => {
    if (options.signal?.aborted) return resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  await worker.close();
  connection.disconnect();
  await Promise.all([...engines.values()].map((e) => e.then((engine) => engine.close?.()).catch(() => {})));
}
