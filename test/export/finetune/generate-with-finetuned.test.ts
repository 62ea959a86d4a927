import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { generate } from '../../../src/pipeline/run-pipeline.js';
import { exportRun } from '../../../src/pipeline/export-run.js';
import { runFinetuneJob } from '../../../src/export/finetune/run-finetune-job.js';
import { startMockFinetuneServer, type MockFinetuneServer } from '../../support/mock-finetune-server.js';
import { startMockLlmServer, type MockLlmServer } from '../../support/mock-llm-server.js';
import { makeRun, qaRecords } from '../../support/export-fixtures.js';
import { tempDir } from '../../support/paths.js';

let ft: MockFinetuneServer;
let llm: MockLlmServer;
beforeAll(async () => {
  ft = await startMockFinetuneServer();
  llm = await startMockLlmServer();
});
afterAll(async () => {
  await ft.close();
  await llm.close();
});

describe('generate with what you trained', () => {
  it('a recipe model can be the fine-tuned model id a finetune job recorded', async () => {
    const run = makeRun({ records: qaRecords(6) });
    await exportRun(run, { config: { formats: ['openai-chat'], mapping: { user: 'question', assistant: 'answer' } } });
    const state = await runFinetuneJob(run, { model: 'gpt-4o-mini-2024-07-18', apiKey: 'test-key', baseUrl: ft.url, pollMs: 1 });
    const tuned = state.fine_tuned_model!;
    const summary = await generate(
      {
        records: 2,
        seed: 1,
        models: { tuned: { engine: 'openai-compatible', model: tuned, base_url: llm.url } },
        columns: [
          { name: 'topic', kind: 'category', values: ['tides', 'dunes'] },
          { name: 'question', kind: 'llm-text', model: 'tuned', prompt: 'Ask one question about {{ topic }}.' },
        ],
      },
      { out: join(tempDir(), 'gen'), cache: false },
    );
    expect(summary.valid).toBe(2);
    expect(llm.requests.map((r) => r.body.model)).toEqual([tuned, tuned]);
  });
});
