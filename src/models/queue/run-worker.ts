/**
 * `synthkit worker`: takes model-call jobs from a coordinator's queue and makes them (see
 * bullmq-worker.ts). BullMQ and ioredis are loaded only when a worker or a queue run starts, so
 * every other command and library import stays light.
 */

export const DEFAULT_QUEUE_NAME = 'synthkit-calls';

export interface WorkerOptions {
  url: string;
  queueName?: string;
  /** Jobs run at once. Default 64. */
  concurrency?: number;
  /** How long a job's lock lasts without renewal (ms); a dead worker's jobs return after about this. Default 30,000 (BullMQ's). */
  lockMs?: number;
  signal?: AbortSignal;
  onCall?: (model: string, ok: boolean) => void;
}

export async function runWorker(options: WorkerOptions): Promise<void> {
  const { runBullmqWorker } = await import('./bullmq-worker.js');
  return runBullmqWorker(options);
}
