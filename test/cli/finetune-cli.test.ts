import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../support/run-cli.js';
import { makeRun, qaRecords } from '../support/export-fixtures.js';
import { exportRun } from '../../src/pipeline/export-run.js';
import { startMockFinetuneServer, type MockFinetuneServer } from '../support/mock-finetune-server.js';

let server: MockFinetuneServer;
beforeAll(async () => {
  server = await startMockFinetuneServer('cli-key');
});
afterAll(() => server.close());

async function exported() {
  const run = makeRun({ records: qaRecords(16) });
  await exportRun(run, {
    config: { formats: ['trl-conversational', 'openai-chat'], mapping: { user: 'question', assistant: 'answer' }, split: { counts: { validation: 4 } } },
  });
  return run;
}

describe('synthkit finetune (CLI)', () => {
  it('--emit trl writes a config scaled to the data and prints the launch command', async () => {
    const run = await exported();
    const r = await runCli(['finetune', run, '--emit', 'trl', '--method', 'qlora', '--model', 'Qwen/Qwen2.5-0.5B-Instruct']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/run: cd .*finetune\/trl && trl sft --config sft.yaml/);
    const sft = readFileSync(join(run, 'finetune', 'trl', 'sft.yaml'), 'utf8');
    expect(parse(sft)).toMatchObject({
      model_name_or_path: 'Qwen/Qwen2.5-0.5B-Instruct',
      dataset_name: '../../export',
      dataset_config: 'trl-conversational',
      dataset_test_split: 'validation',
      num_train_epochs: 3,
      lora_r: 8,
      load_in_4bit: true,
    });
    expect(sft).toContain('# 12 training examples: 3 epoch(s)');
  }, 30_000);

  it('--provider openai runs the job on an OpenAI-compatible server and prints the fine-tuned model id', async () => {
    const run = await exported();
    const r = await runCli(
      [
        'finetune',
        run,
        '--provider',
        'openai',
        '--model',
        'gpt-4o-mini-2024-07-18',
        '--base-url',
        server.url,
        '--poll-seconds',
        '0.01',
        '--api-key-env',
        'FT_KEY',
      ],
      { FT_KEY: 'cli-key' },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^fine-tuned model: ft:gpt-4o-mini-2024-07-18:synthkit::/m);
    expect(r.stderr).toContain('status: succeeded');
    expect(r.stderr).toContain('[info] New fine-tuned model created');
    expect(r.stderr).not.toContain('cli-key');
  }, 30_000);
});
