/**
 * Scale-out through a queue, the failures: a coordinator killed and resumed, Redis restarted
 * empty. Needs Debian's redis-server (.ci/run installs it).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { generateRecords, resumeRecords } from '../../src/generate/generate.js';
import { startMockLlmServer, type MockLlmServer } from '../support/mock-llm-server.js';
import { hasRedis, startRedis, type TestRedis } from '../support/redis-server.js';
import { startCli } from '../support/run-cli.js';
import { tempDir } from '../support/paths.js';
import { QUEUE_RECORDS, datasetText, queueRecipe, slowCalls as delayCalls, startWorker as startQueueWorker, until } from '../support/queue-fixture.js';

const redisThere = hasRedis();
if (!redisThere) console.warn('queue tests skipped: redis-server is not installed here (apt-get install -y redis-server; CI installs it)');

const N = QUEUE_RECORDS;
let singleDataset = '';
let llm: MockLlmServer;
let redis: TestRedis;
const workers: ChildProcess[] = [];

const recipe = (records = N) => queueRecipe(llm.url, records);
const slowCalls = (n: number) => delayCalls(llm, n);
const startWorker = () => startQueueWorker(redis.url, workers);
const dataset = datasetText;

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
