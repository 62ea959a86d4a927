/** What the queue tests share: the recipe they run, slow calls, worker processes, and waiting. */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MockLlmServer } from './mock-llm-server.js';
import { startCli } from './run-cli.js';

export const QUEUE_RECORDS = 80;

export function queueRecipe(llmUrl: string, records = QUEUE_RECORDS) {
  return {
    records,
    seed: 11,
    cache: false,
    models: { m: { engine: 'openai-compatible' as const, model: 'queue-model', base_url: `${llmUrl}/v1`, concurrency: 8 } },
    columns: [
      { name: 'topic', kind: 'category' as const, values: ['a', 'b', 'c', 'd'] },
      { name: 'n', kind: 'integer' as const, min: 1, max: 1_000_000 },
      { name: 'text', kind: 'llm-text' as const, model: 'm', prompt: 'Write about {{ topic }}, item {{ n }}.' },
    ],
    generation: { concurrency: 16 },
  };
}

/** Every call takes a few ms, so a worker can be killed with calls in hand. */
export function slowCalls(llm: MockLlmServer, n: number): void {
  llm.enqueue(...Array.from({ length: n }, () => ({ delayMs: 15 })));
}

export function startWorker(redisUrl: string, workers: ChildProcess[]): ChildProcess {
  const { child } = startCli(['worker', '--queue', redisUrl, '--concurrency', '4', '--lock-ms', '1000', '--quiet']);
  workers.push(child);
  return child;
}

export const datasetText = (dir: string) => readFileSync(join(dir, 'dataset.jsonl'), 'utf8');

export async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
