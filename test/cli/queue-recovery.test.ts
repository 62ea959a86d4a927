/**
 * Scale-out through a queue, the failures: a coordinator killed and resumed, Redis restarted
 * empty. Needs Debian's redis-server (.ci/run installs it).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { generateRecords, resumeRecords } from '../../src/generate/generate.js';
import { startMockLlmServer, type MockLlmServer } from '../support/mock-llm-server.js';
import { hasRedis, startRedis, type TestRedis } from '../support/redis-server.js';
import { startCli } from '../support/run-cli.js';
import { tempDir } from '../support/paths.js';

const redisThere = hasRedis();
if (!redisThere) console.warn('queue tests skipped: redis-server is not installed here (apt-get install -y redis-server; CI installs it)');

const N = 80;
let singleDataset = '';
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

describe.skipIf(!redisThere)('generate --queue: coordinator and Redis failures', () => {
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

  beforeAll(async () => {
    const single = tempDir();
    await generateRecords(recipe(), { out: single });
    singleDataset = dataset(single);
  });

  it('a coordinator killed mid-run and resumed reattaches to its queued calls: none is made twice', async () => {
    startWorker();
    startWorker();
    const dir = tempDir();
    const file = join(dir, '..', `${dir.split('/').pop()}-recipe.yaml`);
    writeFileSync(file, JSON.stringify(recipe()));
    slowCalls(N);
    const before = llm.served;
    const coordinator = startCli(['generate', file, '--out', dir, '--queue', redis.url, '--quiet', '--no-cache']);
    await until(() => llm.served >= before + 30, 'the workers to make 30 calls', 40_000).catch(async (error) => {
      coordinator.child.kill('SIGKILL');
      throw new Error(`${error.message}; coordinator said: ${(await coordinator.done).stderr}`);
    });
    coordinator.child.kill('SIGKILL');
    await coordinator.done;

    const summary = await resumeRecords(dir, { queue: redis.url });
    expect(summary.records).toBe(N);
    expect(summary.valid).toBe(N);
    const rows = dataset(dir).trim().split('\n');
    expect(new Set(rows).size).toBe(N);
    // Jobs are keyed by the call: the calls queued before the kill were answered once, by the workers.
    expect(llm.served - before).toBe(N);
    expect(dataset(dir)).toBe(singleDataset);
  }, 90_000);

  it('Redis restarted empty mid-run: the coordinator queues the lost calls again and the run completes', async () => {
    startWorker();
    startWorker();
    slowCalls(N);
    const before = llm.served;
    const dir = tempDir();
    const run = generateRecords(recipe(), { out: dir, queue: redis.url, queueRecheckMs: 200 });
    await until(() => llm.served >= before + 20, 'the workers to make 20 calls', 40_000);
    await redis.restart();
    const summary = await run;
    expect(summary.valid).toBe(N);
    expect(summary.models[0].calls).toBe(N);
    expect(dataset(dir)).toBe(singleDataset);
  }, 90_000);
});
