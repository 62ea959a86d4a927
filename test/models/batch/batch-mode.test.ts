import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRecords, resumeRecords, RunInterruptedError } from '../../../src/generate/generate.js';
import { BatchLedgerStore } from '../../../src/store/batch-ledger-store.js';
import { startMockBatchServer, type MockBatchServer } from '../../support/mock-batch-server.js';
import { readJsonl, storedCells } from '../../support/run-fixtures.js';

let server: MockBatchServer;
beforeAll(async () => {
  process.env.SYNTHKIT_BATCH_TEST_KEY = 'sk-test';
  server = await startMockBatchServer();
});
afterAll(() => server.close());

const out = () => mkdtempSync(join(tmpdir(), 'synthkit-batch-'));
const fast = { mode: 'batch' as const, batch_poll_seconds: 0.01, batch_idle_seconds: 0.02 };

function recipe(engine: 'openai' | 'anthropic', records: number, columns = 1) {
  return {
    records,
    seed: 7,
    cache: false,
    models: {
      m: {
        engine,
        model: engine === 'openai' ? 'gpt-4o-mini' : 'claude-haiku-4-5',
        base_url: engine === 'openai' ? `${server.url}/v1` : server.url,
        api_key_env: 'SYNTHKIT_BATCH_TEST_KEY',
        price: { input_per_million: 1, output_per_million: 2 },
      },
    },
    columns: [
      { name: 'topic', kind: 'category' as const, values: ['a', 'b', 'c'] },
      { name: 'text', kind: 'llm-text' as const, model: 'm', prompt: 'Write about {{ topic }}.' },
      ...(columns > 1 ? [{ name: 'title', kind: 'llm-text' as const, model: 'm', prompt: 'Title for: {{ text }}' }] : []),
    ],
    generation: fast,
  };
}

describe('batch mode', () => {
  it('sends a run through the OpenAI Batch API; a dependent column is a follow-up batch; cost at half price', async () => {
    const before = server.batches.length;
    const dir = out();
    const summary = await generateRecords(recipe('openai', 6, 2), { out: dir });
    expect(summary.valid).toBe(6);
    const batches = server.batches.slice(before);
    expect(batches.map((b) => b.customIds.length)).toEqual([6, 6]);
    const rows = readJsonl(join(dir, 'dataset.jsonl'));
    expect(rows[0].text).toBe(`echo: Write about ${rows[0].topic}.`);
    expect(rows[0].title).toMatch(/^echo: [\s\S]*Title for: /);
    expect(rows[0].title).toContain(rows[0].text);
    // 12 calls x (10 in, 5 out) tokens at $1/$2 per million, halved.
    expect(summary.cost).toBeCloseTo(((120 * 1 + 60 * 2) / 1e6) * 0.5, 12);
    const ledger = new BatchLedgerStore(dir);
    expect(ledger.batches().map((b) => [b.provider, b.ended, b.requests])).toEqual([
      ['openai', true, 6],
      ['openai', true, 6],
    ]);
    ledger.close();
  });

  it('Anthropic: resubmits expired and server-failed requests; refused and malformed lines fail only their own cells, and a resume retries them', async () => {
    const before = server.batches.length;
    server.script({ expire: 2, serverError: 1, refuse: 1, malformed: 1 });
    const dir = out();
    const summary = await generateRecords({ ...recipe('anthropic', 8), generation: { ...fast, max_repairs: 0 } }, { out: dir });
    const batches = server.batches.slice(before);
    expect(batches.map((b) => b.customIds.length)).toEqual([8, 3]);
    expect(summary.records).toBe(8);
    expect(summary.valid).toBe(6);
    const failed = storedCells(dir).filter((c) => !c.ok);
    expect(failed.map((c) => c.reason)).toEqual(['call_failed', 'call_failed']);
    expect(failed.map((c) => c.error).join('\n')).toMatch(/invalid_request_error[\s\S]*no usable result line/);

    const resumed = await resumeRecords(dir);
    expect(resumed.valid).toBe(8);
    expect(server.batches.slice(before).map((b) => b.customIds.length)).toEqual([8, 3, 2]);
  });

  it('OpenAI: a cancelled batch returns its unrun requests to a later batch; a failed batch fails its calls with the reason', async () => {
    const before = server.batches.length;
    server.script({ cancel: true, cancelAfter: 2 });
    const summary = await generateRecords(recipe('openai', 5), { out: out() });
    expect(summary.valid).toBe(5);
    expect(server.batches.slice(before).map((b) => b.customIds.length)).toEqual([5, 3]);

    server.script({ failBatch: true });
    const dir = out();
    const failed = await generateRecords({ ...recipe('openai', 3), generation: { ...fast, max_repairs: 0 } }, { out: dir });
    expect(failed.valid).toBe(0);
    expect(storedCells(dir).find((c) => c.col === 'text')?.error).toMatch(/batch batch_\d+ failed: .*invalid_jsonl/);
  });

  it('a run killed while its batch runs reattaches on resume (batch mode kept from --batch): no second batch for calls already submitted', async () => {
    const before = server.batches.length;
    server.script({ pollsUntilEnded: 4 });
    const dir = out();
    const controller = new AbortController();
    const watch = setInterval(() => {
      if (server.batches.length > before) controller.abort();
    }, 2);
    // Batch mode from the option (--batch) this time: the resume below, given no option, keeps it.
    const { mode: _interactiveByDefault, ...timing } = fast;
    const run = generateRecords({ ...recipe('openai', 4), generation: timing }, { out: dir, signal: controller.signal, batch: true });
    await expect(run).rejects.toBeInstanceOf(RunInterruptedError);
    clearInterval(watch);
    expect(server.batches.length).toBe(before + 1);
    const ledger = new BatchLedgerStore(dir);
    expect(ledger.batches()).toMatchObject([{ ended: false, requests: 4 }]);
    ledger.close();

    const summary = await resumeRecords(dir);
    expect(summary.valid).toBe(4);
    expect(server.batches.length).toBe(before + 1);
    expect(server.batches[before].polls).toBeGreaterThan(4);
    expect(readJsonl(join(dir, 'dataset.jsonl'))).toHaveLength(4);
  });
});
