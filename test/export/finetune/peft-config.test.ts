import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitPeftConfig, scaleHyperparameters } from '../../../src/export/finetune/peft-config.js';

const base = { baseModel: 'org/model', dataDir: '../../export', hasValidation: true, maxChars: 1200 };

describe('PEFT configs', () => {
  it('scales epochs, rank, learning rate and batch with the dataset size and method', () => {
    const small = scaleHyperparameters({ method: 'lora', trainExamples: 500, maxChars: 1200 });
    const large = scaleHyperparameters({ method: 'lora', trainExamples: 50_000, maxChars: 40_000 });
    expect([small.epochs, small.loraR, small.learningRate, small.microBatch * small.gradAccum, small.maxSeqLength]).toEqual([3, 8, 2e-4, 8, 512]);
    expect([large.epochs, large.loraR, large.microBatch * large.gradAccum, large.maxSeqLength]).toEqual([1, 32, 32, 4096]);
    expect(scaleHyperparameters({ method: 'full', trainExamples: 5000, maxChars: 100 }).learningRate).toBe(2e-5);
    expect(scaleHyperparameters({ method: 'qlora', trainExamples: 5000, maxChars: 100 }).microBatch).toBe(2);
  });

  it('axolotl: a LoRA config reading the sharegpt export with its field mapping', () => {
    const { files, command } = emitPeftConfig({ ...base, tool: 'axolotl', method: 'lora', format: 'sharegpt', trainExamples: 2000 });
    expect(command).toBe('axolotl train axolotl.yaml');
    const config = parse(files['axolotl.yaml']);
    expect(config).toMatchObject({ adapter: 'lora', lora_r: 16, lora_alpha: 32, num_epochs: 2, lora_target_linear: true });
    expect(config.datasets[0]).toMatchObject({
      path: '../../export/sharegpt/train.jsonl',
      type: 'chat_template',
      field_messages: 'conversations',
      message_property_mappings: { role: 'from', content: 'value' },
    });
    expect(config.test_datasets[0].path).toBe('../../export/sharegpt/validation.jsonl');
    expect(files['axolotl.yaml']).toMatch(/# rank 16, alpha 32 \(alpha = 2r/);
  });

  it('trl: a DPO config for preference pairs uses trl dpo, beta and a lower rate', () => {
    const { files, command } = emitPeftConfig({ ...base, tool: 'trl', method: 'lora', format: 'dpo', trainExamples: 300 });
    expect(command).toBe('trl dpo --config dpo.yaml');
    expect(parse(files['dpo.yaml'])).toMatchObject({ beta: 0.1, learning_rate: 5e-5, dataset_config: 'dpo' });
  });

  it('unsloth: refuses formats it has no path for instead of writing a broken script', () => {
    expect(() => emitPeftConfig({ ...base, tool: 'unsloth', method: 'lora', format: 'alpaca', trainExamples: 10 })).toThrow(
      /unsloth script reads trl-conversational, sharegpt or chatml/,
    );
    expect(emitPeftConfig({ ...base, tool: 'unsloth', method: 'full', format: 'chatml', trainExamples: 10 }).files['train_unsloth.py']).toContain(
      'full_finetuning=True',
    );
  });
});
