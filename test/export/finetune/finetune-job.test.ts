import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportRun } from '../../../src/pipeline/export-run.js';
import { readFinetuneState, runFinetuneJob, cancelFinetuneJob, type FinetuneEvent } from '../../../src/export/finetune/run-finetune-job.js';
import { createFineTuningClient } from '../../../src/export/finetune/openai-fine-tuning-client.js';
import { startMockFinetuneServer, type MockFinetuneServer } from '../../support/mock-finetune-server.js';
import { makeRun, qaRecords } from '../../support/export-fixtures.js';

const mapping = { user: 'question', assistant: 'answer' };
let server: MockFinetuneServer;
beforeEach(async () => {
  server = await startMockFinetuneServer();
});
afterEach(() => server.close());

async function exportedRun(formats = ['openai-chat']) {
  const run = makeRun({ records: qaRecords(10) });
  await exportRun(run, { config: { formats, mapping, split: { counts: { validation: 2 } } } });
  return run;
}

const options = (events: FinetuneEvent[] = []) => ({
  model: 'gpt-4o-mini-2024-07-18',
  apiKey: 'test-key',
  baseUrl: server.url,
  pollMs: 1,
  onEvent: (e: FinetuneEvent) => events.push(e),
});

describe('synthkit finetune (OpenAI wire format)', () => {
  it('uploads train and validation files, creates a supervised job, follows it and records the model id', async () => {
    const run = await exportedRun();
    const events: FinetuneEvent[] = [];
    const state = await runFinetuneJob(run, options(events));
    expect(state.status).toBe('succeeded');
    expect(state.fine_tuned_model).toMatch(/^ft:gpt-4o-mini-2024-07-18:synthkit::/);
    expect(readFinetuneState(run)).toMatchObject({ status: 'succeeded', fine_tuned_model: state.fine_tuned_model, job_id: state.job_id });
    expect(JSON.stringify(readFinetuneState(run))).not.toContain('test-key');
    const [job] = server.jobs.values();
    expect(job.validation_file).not.toBeNull();
    expect(job.method).toEqual({ type: 'supervised', supervised: { hyperparameters: {} } });
    expect([...server.files.values()].map((f) => f.content.split('\n').filter(Boolean).length)).toEqual([8, 2]);
    expect(events.filter((e) => e.type === 'status').map((e) => (e as { status: string }).status)).toEqual(['queued', 'running', 'succeeded']);
    expect(events.some((e) => e.type === 'event' && /New fine-tuned model created/.test(e.event.message))).toBe(true);

    // Running again follows the stored job: no new upload, no second job.
    const again = await runFinetuneJob(run, options());
    expect(again.job_id).toBe(state.job_id);
    expect(server.jobs.size).toBe(1);
    expect(server.files.size).toBe(2);
  });

  it('resumes after a crash between creating the job and storing its id, without a second job', async () => {
    const run = await exportedRun();
    server.dropCreateReply = true;
    await expect(runFinetuneJob(run, options())).rejects.toThrow();
    expect(server.jobs.size).toBe(1);
    expect(readFinetuneState(run)?.job_id).toBeUndefined();
    const events: FinetuneEvent[] = [];
    const state = await runFinetuneJob(run, options(events));
    expect(server.jobs.size).toBe(1);
    expect(state.job_id).toBe([...server.jobs.keys()][0]);
    expect(state.status).toBe('succeeded');
    expect(events.some((e) => e.type === 'uploaded')).toBe(false);
  });

  it('reports a failed job with its reason, and only --restart creates a new one', async () => {
    const run = await exportedRun();
    server.outcomes.push('fail');
    await expect(runFinetuneJob(run, options())).rejects.toThrow(/fine-tuning job ftjob-\d+ failed: The job failed due to an internal error. \(server_error\)/);
    expect(readFinetuneState(run)?.status).toBe('failed');
    await expect(runFinetuneJob(run, options())).rejects.toThrow(/failed: The job failed due to an internal error.; pass --restart/);
    expect(server.jobs.size).toBe(1);
    const state = await runFinetuneJob(run, { ...options(), restart: true });
    expect(state.status).toBe('succeeded');
    expect(server.jobs.size).toBe(2);
    expect(server.files.size).toBe(2);
  });

  it('reports a job cancelled by the service, and cancels a running job on request', async () => {
    const run = await exportedRun();
    server.outcomes.push('cancel');
    await expect(runFinetuneJob(run, options())).rejects.toThrow(/was cancelled/);
    const second = await runFinetuneJob(run, { ...options(), restart: true, detach: true });
    expect(second.status).toBe('validating_files');
    const job = await cancelFinetuneJob(run, createFineTuningClient({ baseUrl: server.url, apiKey: 'test-key' }));
    expect(job.status).toBe('cancelled');
    expect(readFinetuneState(run)?.status).toBe('cancelled');
  });

  it('creates a DPO job from the openai-dpo export', async () => {
    const records = ['a', 'b'].flatMap((p) => [1, 2].map((k) => ({ question: `prompt ${p}`, answer: `reply ${k}` })));
    const run = makeRun({ records, curation: records.map((_, i) => ({ _signals: { judge: { score: i % 2 } } })) });
    await exportRun(run, { config: { formats: ['openai-dpo'], mapping, preference: { from: 'scores' } } });
    const state = await runFinetuneJob(run, { ...options(), method: 'dpo', hyperparameters: { beta: 0.1 } });
    expect(state.status).toBe('succeeded');
    expect([...server.jobs.values()][0].method).toEqual({ type: 'dpo', dpo: { hyperparameters: { beta: 0.1 } } });
  });

  it('fails the job when the training file is not in the format (server-side validation), and says what to run when no export exists', async () => {
    const run = await exportedRun(['sharegpt']);
    await expect(runFinetuneJob(run, options())).rejects.toThrow(/no openai-chat export .*synthkit export .* --format openai-chat/);
    await exportRun(run, { config: { formats: ['sharegpt'], mapping }, out: `${run}/wrong` });
    // A sharegpt file uploaded as chat data: the service's validation fails the job.
    const { renameSync } = await import('node:fs');
    renameSync(`${run}/wrong/sharegpt`, `${run}/wrong/openai-chat`);
    await expect(runFinetuneJob(run, { ...options(), exportDir: `${run}/wrong` })).rejects.toThrow(/invalid_training_file/);
  });

  it('names the key problem on a 401', async () => {
    const run = await exportedRun();
    await expect(runFinetuneJob(run, { ...options(), apiKey: 'wrong' })).rejects.toThrow(
      /HTTP 401: Incorrect API key provided. \(check the API key variable\)/,
    );
  });
});
