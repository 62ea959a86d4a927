/**
 * Scale-out through a queue: a coordinator (the run store's only writer) and worker processes
 * taking model calls from Redis (BullMQ). Needs Debian's redis-server (.ci/run installs it).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { generateRecords } from '../../src/generate/generate.js';
import { startMockLlmServer, type MockLlmServer } from '../support/mock-llm-server.js';
import { hasRedis, startRedis, type TestRedis } from '../support/redis-server.js';
import { startCli } from '../support/run-cli.js';
import { tempDir } from '../support/paths.js';

const redisThere = hasRedis();
if (!redisThere) console.warn('queue tests skipped: redis-server is not installed here (apt-get install -y redis-server; CI installs it)');

const N = 80;
let llm: MockLlmServer;
let redis: TestRedis;
const workers: ChildProcess[] = [];

function recipe(records = N) {
  return {
    records,
    seed: 11,
    cache: false,
    models: { m: { engine: 'openai-compatible' as const, model: 'queue-model', base_url: `${llm.url}/v1`, concurrency: 8 } },
    columns: [
      { name: 'topic', kind: 'category' as const, values: ['a', 'b', 'c', 'd'] },
      { name: 'n', kind: 'integer' as const, min: 1, max: 1_000_000 },
      { name: 'text', kind: 'llm-text' as const, model: 'm', prompt: 'Write about {{ topic }}, item {{ n }}.' },
    ],
    generation: { concurrency: 16 },
  };
}

/** Every call takes a few ms, so a worker can be killed with calls in hand. */
function slowCalls(n: number): void {
  llm.enqueue(...Array.from({ length: n }, () => ({ delayMs: 15 })));
}

function startWorker(): ChildProcess {
  const { child } = startCli(['worker', '--queue', redis.url, '--concurrency', '4', '--lock-ms', '1000', '--quiet']);
  workers.push(child);
  return child;
}

const dataset = (dir: string) => readFileSync(join(dir, 'dataset.jsonl'), 'utf8');

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe.skipIf(!redisThere)('generate --queue with synthkit workers', () => {
  beforeAll(async () => {
    llm = await startMockLlmServer();
    redis = await startRedis();
  });
  afterEach(() => {
    for (const w of workers.splice(0)) w.kill('SIGKILL');
  });
  afterAll(async () => {
    await redis?.stop();
    await llm?.close();
  });

  it('a coordinator and two workers, one killed mid-run, give the same dataset as a single process', async () => {
    const single = tempDir();
    await generateRecords(recipe(), { out: single });
    const singleCalls = llm.served;

    const [first] = [startWorker(), startWorker()];
    slowCalls(N);
    const dir = tempDir();
    const run = generateRecords(recipe(), { out: dir, queue: redis.url });
    await until(() => llm.served >= singleCalls + 30, 'the workers to make 30 calls', 40_000);
    first.kill('SIGKILL');
    const summary = await run;
    expect(summary.records).toBe(N);
    expect(summary.valid).toBe(N);
    expect(dataset(dir)).toBe(dataset(single));
    // Calls the killed worker had in hand were made again by the other; each was stored once.
    expect(summary.models[0].calls).toBe(N);
  }, 90_000);
});
