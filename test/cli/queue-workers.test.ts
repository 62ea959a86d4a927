/**
 * Scale-out through a queue: a coordinator (the run store's only writer) and worker processes
 * taking model calls from Redis (BullMQ). Needs Debian's redis-server (.ci/run installs it).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { generateRecords } from '../../src/generate/generate.js';
import { startMockLlmServer, type MockLlmServer } from '../support/mock-llm-server.js';
import { hasRedis, startRedis, type TestRedis } from '../support/redis-server.js';
import { tempDir } from '../support/paths.js';
import { QUEUE_RECORDS, datasetText, queueRecipe, slowCalls as delayCalls, startWorker as startQueueWorker, until } from '../support/queue-fixture.js';

const redisThere = hasRedis();
if (!redisThere) console.warn('queue tests skipped: redis-server is not installed here (apt-get install -y redis-server; CI installs it)');

const N = QUEUE_RECORDS;
let llm: MockLlmServer;
let redis: TestRedis;
const workers: ChildProcess[] = [];

const recipe = (records = N) => queueRecipe(llm.url, records);
const slowCalls = (n: number) => delayCalls(llm, n);
const startWorker = () => startQueueWorker(redis.url, workers);
const dataset = datasetText;

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
