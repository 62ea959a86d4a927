/**
 * Ready-to-run training configs for the exported data: TRL (`trl sft`/`trl dpo` YAML), Axolotl
 * (`axolotl train` YAML) and Unsloth (a Python script), for LoRA, QLoRA or full fine-tuning.
 * Hyperparameters are scaled to the dataset, and every choice is explained in a comment beside it
 * so a user can change it knowingly. The sources of the defaults:
 * - LoRA rank/alpha/dropout and 2e-4 learning rate: Hu et al. 2021 (LoRA) and Dettmers et al. 2023
 *   (QLoRA, which trains all linear layers at lr 2e-4 with r=64 on large sets; smaller sets need
 *   less rank), as Unsloth's and Axolotl's example configs do;
 * - full fine-tuning lr 1e-5..2e-5: the range of Alpaca/Vicuna-style instruction tuning;
 * - epochs: small sets (under 1k examples) need ~3 passes to move the model, large ones overfit
 *   past 1-2 (LIMA, Zhou et al. 2023, trained 1k examples for 15 epochs only because it measured
 *   on held-out data; without that measurement, 3 is the common safe choice).
 */
import { ExportError } from '../training/export-error.js';

export const PEFT_TOOLS = ['trl', 'axolotl', 'unsloth'] as const;
export const PEFT_METHODS = ['lora', 'qlora', 'full'] as const;
export type PeftTool = (typeof PEFT_TOOLS)[number];
export type PeftMethod = (typeof PEFT_METHODS)[number];

export interface PeftInput {
  tool: PeftTool;
  method: PeftMethod;
  /** Hub id or local path of the base model. */
  baseModel: string;
  /** The export folder (holding README.md and <format>/<split>.jsonl), relative to where the command runs. */
  dataDir: string;
  /** The exported format: trl-conversational, trl-prompt-completion, sharegpt, alpaca, chatml or dpo. */
  format: string;
  trainExamples: number;
  hasValidation: boolean;
  /** Longest example in characters (for max_seq_length). */
  maxChars: number;
  outputDir?: string;
}

export interface Hyperparameters {
  epochs: number;
  learningRate: number;
  loraR: number;
  loraAlpha: number;
  loraDropout: number;
  microBatch: number;
  gradAccum: number;
  maxSeqLength: number;
  warmupRatio: number;
  why: Record<string, string>;
}

/** Hyperparameters for the dataset's size and the method, each with its reason. */
export function scaleHyperparameters(input: Pick<PeftInput, 'method' | 'trainExamples' | 'maxChars'>): Hyperparameters {
  const n = input.trainExamples;
  const epochs = n < 1000 ? 3 : n < 10000 ? 2 : 1;
  const loraR = n < 1000 ? 8 : n < 10000 ? 16 : 32;
  const full = input.method === 'full';
  const learningRate = full ? (n < 1000 ? 1e-5 : 2e-5) : 2e-4;
  const microBatch = input.method === 'qlora' ? 2 : 4;
  // Effective batch 8 for small sets (more optimizer steps per epoch), 16 up to 10k, 32 beyond.
  const effective = n < 1000 ? 8 : n < 10000 ? 16 : 32;
  // ~4 characters per token for English (OpenAI's rule of thumb), rounded up to a power of two, 512..4096.
  const tokens = Math.ceil(input.maxChars / 4) + 64;
  const maxSeqLength = Math.min(4096, Math.max(512, 2 ** Math.ceil(Math.log2(tokens))));
  return {
    epochs,
    learningRate,
    loraR,
    loraAlpha: loraR * 2,
    loraDropout: 0.05,
    microBatch,
    gradAccum: Math.max(1, Math.round(effective / microBatch)),
    maxSeqLength,
    warmupRatio: 0.03,
    why: {
      epochs: `${n} training examples: ${epochs} epoch(s) (under 1k: 3, under 10k: 2, else 1; more passes over a small set, fewer over a large one to avoid overfitting)`,
      learningRate: full
        ? `full fine-tuning moves every weight: ${learningRate} (1e-5..2e-5, Alpaca/Vicuna range)`
        : 'LoRA/QLoRA adapters start at zero and need a larger step: 2e-4 (QLoRA paper, Unsloth and Axolotl defaults)',
      lora: `rank ${loraR}, alpha ${loraR * 2} (alpha = 2r keeps the update scale stable as rank changes); rank grows with data: 8 under 1k examples, 16 under 10k, else 32`,
      batch: `micro-batch ${microBatch}${input.method === 'qlora' ? ' (4-bit base leaves room for less activation memory)' : ''} x ${Math.max(1, Math.round(effective / microBatch))} accumulation = effective ${effective}`,
      maxSeqLength: `longest example ~${tokens} tokens (4 characters a token): max length ${maxSeqLength}`,
    },
  };
}

const fmt = (x: number) => (x < 0.001 ? x.toExponential() : String(x));

function trlConfig(input: PeftInput, hp: Hyperparameters): { files: Record<string, string>; command: string } {
  const dpo = input.format === 'dpo';
  const peft = input.method !== 'full';
  const lines = [
    `# TRL ${dpo ? 'DPO' : 'SFT'} config written by synthkit for ${input.trainExamples} examples (${input.format}).`,
    `# Run: ${dpo ? 'trl dpo' : 'trl sft'} --config ${dpo ? 'dpo' : 'sft'}.yaml`,
    `model_name_or_path: ${input.baseModel}`,
    '# The exported Hugging Face folder: datasets.load_dataset reads its README.md configs (one per format).',
    `dataset_name: ${input.dataDir}`,
    `dataset_config: ${input.format}`,
    'dataset_train_split: train',
    ...(input.hasValidation ? ['dataset_test_split: validation'] : []),
    `# Conversational data: TRL applies the base model's own chat template (tokenizer.apply_chat_template).`,
    ...(input.format === 'trl-prompt-completion' ? ['# Loss on the completion only (the reply), not on the prompt.', 'completion_only_loss: true'] : []),
    `output_dir: ${input.outputDir ?? 'outputs'}`,
    `# ${hp.why.epochs}`,
    `num_train_epochs: ${hp.epochs}`,
    `# ${hp.why.learningRate}`,
    `learning_rate: ${fmt(dpo ? hp.learningRate / 4 : hp.learningRate)}${dpo ? '  # DPO uses a quarter of the SFT rate: it starts from a trained policy' : ''}`,
    `# ${hp.why.batch}`,
    `per_device_train_batch_size: ${hp.microBatch}`,
    `gradient_accumulation_steps: ${hp.gradAccum}`,
    `# ${hp.why.maxSeqLength}`,
    `max_length: ${hp.maxSeqLength}`,
    'lr_scheduler_type: cosine',
    `warmup_ratio: ${hp.warmupRatio}`,
    'bf16: true',
    'gradient_checkpointing: true',
    'logging_steps: 10',
    ...(input.hasValidation ? ['eval_strategy: epoch'] : ['# No validation split was exported: no evaluation during training.']),
    ...(dpo ? ['# DPO temperature: 0.1 is the DPO paper default (Rafailov et al. 2023).', 'beta: 0.1'] : []),
    ...(peft
      ? [
          `# ${hp.why.lora}`,
          'use_peft: true',
          `lora_r: ${hp.loraR}`,
          `lora_alpha: ${hp.loraAlpha}`,
          `lora_dropout: ${hp.loraDropout}`,
          '# All linear layers, as QLoRA found necessary to match full fine-tuning.',
          'lora_target_modules: all-linear',
          ...(input.method === 'qlora'
            ? ['# QLoRA: the frozen base in 4-bit NF4 (Dettmers et al. 2023).', 'load_in_4bit: true', 'bnb_4bit_quant_type: nf4']
            : []),
        ]
      : ['# Full fine-tuning: every weight trains; needs the memory of weights + gradients + optimizer state.']),
  ];
  const name = dpo ? 'dpo.yaml' : 'sft.yaml';
  return { files: { [name]: `${lines.join('\n')}\n` }, command: `${dpo ? 'trl dpo' : 'trl sft'} --config ${name}` };
}

const AXOLOTL_TYPES: Record<string, string[]> = {
  'trl-conversational': ['type: chat_template', 'field_messages: messages'],
  sharegpt: ['type: chat_template', 'field_messages: conversations', 'message_property_mappings:', '  role: from', '  content: value'],
  alpaca: ['type: alpaca'],
  chatml: ['type: completion', 'field: text'],
  dpo: ['type: chat_template.default', 'field_messages: prompt', 'field_chosen: chosen', 'field_rejected: rejected'],
};

function axolotlConfig(input: PeftInput, hp: Hyperparameters): { files: Record<string, string>; command: string } {
  const type = AXOLOTL_TYPES[input.format];
  if (!type) throw new ExportError(`axolotl reads ${Object.keys(AXOLOTL_TYPES).join(', ')}; export one of those (got ${input.format})`);
  const dataset = (split: string) => [`  - path: ${input.dataDir}/${input.format}/${split}.jsonl`, '    ds_type: json', ...type.map((t) => `    ${t}`)];
  const peft = input.method !== 'full';
  const lines = [
    `# Axolotl config written by synthkit for ${input.trainExamples} examples (${input.format}).`,
    '# Run: axolotl train axolotl.yaml',
    `base_model: ${input.baseModel}`,
    "# The base model's own chat template (tokenizer_config.json); set chatml for a base model without one.",
    `chat_template: ${input.format === 'alpaca' ? 'alpaca' : 'tokenizer_default'}`,
    ...(input.format === 'dpo' ? ['rl: dpo'] : []),
    'datasets:',
    ...dataset('train'),
    ...(input.hasValidation
      ? ['test_datasets:', ...dataset('validation').map((l) => l.replace('    ds_type', '    split: train\n    ds_type'))]
      : ['val_set_size: 0']),
    `output_dir: ${input.outputDir ?? './outputs'}`,
    `# ${hp.why.maxSeqLength}`,
    `sequence_len: ${hp.maxSeqLength}`,
    'sample_packing: false',
    ...(peft
      ? [
          `adapter: ${input.method === 'qlora' ? 'qlora' : 'lora'}`,
          ...(input.method === 'qlora' ? ['# QLoRA: 4-bit NF4 base (Dettmers et al. 2023).', 'load_in_4bit: true'] : []),
          `# ${hp.why.lora}`,
          `lora_r: ${hp.loraR}`,
          `lora_alpha: ${hp.loraAlpha}`,
          `lora_dropout: ${hp.loraDropout}`,
          'lora_target_linear: true',
        ]
      : ['# Full fine-tuning: no adapter.']),
    `# ${hp.why.batch}`,
    `micro_batch_size: ${hp.microBatch}`,
    `gradient_accumulation_steps: ${hp.gradAccum}`,
    `# ${hp.why.epochs}`,
    `num_epochs: ${hp.epochs}`,
    `# ${hp.why.learningRate}`,
    `learning_rate: ${fmt(hp.learningRate)}`,
    'optimizer: adamw_torch',
    'lr_scheduler: cosine',
    `warmup_ratio: ${hp.warmupRatio}`,
    'bf16: auto',
    'gradient_checkpointing: true',
    'logging_steps: 10',
  ];
  return { files: { 'axolotl.yaml': `${lines.join('\n')}\n` }, command: 'axolotl train axolotl.yaml' };
}

function unslothScript(input: PeftInput, hp: Hyperparameters): { files: Record<string, string>; command: string } {
  if (input.format === 'dpo') throw new ExportError('the unsloth script covers SFT; for DPO use --emit trl or --emit axolotl');
  const field = input.format === 'sharegpt' ? 'conversations' : input.format === 'chatml' ? 'text' : 'messages';
  if (!['trl-conversational', 'sharegpt', 'chatml'].includes(input.format))
    throw new ExportError(`the unsloth script reads trl-conversational, sharegpt or chatml exports (got ${input.format})`);
  const full = input.method === 'full';
  const py = `# Unsloth SFT script written by synthkit for ${input.trainExamples} examples (${input.format}).
# Run: python train_unsloth.py
from unsloth import FastLanguageModel
from unsloth.chat_templates import get_chat_template${input.format === 'sharegpt' ? ', standardize_sharegpt' : ''}
from datasets import load_dataset
from trl import SFTTrainer, SFTConfig

# ${hp.why.maxSeqLength}
MAX_LEN = ${hp.maxSeqLength}
model, tokenizer = FastLanguageModel.from_pretrained(
    model_name=${JSON.stringify(input.baseModel)},
    max_seq_length=MAX_LEN,
    load_in_4bit=${input.method === 'qlora' ? 'True' : 'False'},  # ${input.method === 'qlora' ? 'QLoRA: 4-bit NF4 base' : 'base in 16-bit'}
    full_finetuning=${full ? 'True' : 'False'},
)
${
  full
    ? '# Full fine-tuning: every weight trains.'
    : `# ${hp.why.lora}
model = FastLanguageModel.get_peft_model(
    model, r=${hp.loraR}, lora_alpha=${hp.loraAlpha}, lora_dropout=0,  # Unsloth is fastest with dropout 0
    target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
    use_gradient_checkpointing="unsloth",
)`
}
data_files = {"train": ${JSON.stringify(`${input.dataDir}/${input.format}/train.jsonl`)}${input.hasValidation ? `, "validation": ${JSON.stringify(`${input.dataDir}/${input.format}/validation.jsonl`)}` : ''}}
dataset = load_dataset("json", data_files=data_files)
${
  field === 'text'
    ? '# Already ChatML-templated text: trained as it is.'
    : `# ChatML is named explicitly so the template at training and at inference is the same; use the base model's own
# template instead (get_chat_template(tokenizer, "<its name>")) if it has one.
tokenizer = get_chat_template(tokenizer, chat_template="chatml")
${input.format === 'sharegpt' ? 'dataset = dataset.map(lambda b: {"conversations": standardize_sharegpt(b)["conversations"]}, batched=True)\n' : ''}dataset = dataset.map(lambda b: {"text": [tokenizer.apply_chat_template(c, tokenize=False) for c in b["${field}"]]}, batched=True)`
}
trainer = SFTTrainer(
    model=model,
    tokenizer=tokenizer,
    train_dataset=dataset["train"],
    ${input.hasValidation ? 'eval_dataset=dataset["validation"],' : '# no validation split was exported'}
    args=SFTConfig(
        dataset_text_field="text",
        max_seq_length=MAX_LEN,
        per_device_train_batch_size=${hp.microBatch},  # ${hp.why.batch}
        gradient_accumulation_steps=${hp.gradAccum},
        num_train_epochs=${hp.epochs},  # ${hp.why.epochs}
        learning_rate=${fmt(hp.learningRate)},  # ${hp.why.learningRate}
        warmup_ratio=${hp.warmupRatio},
        lr_scheduler_type="cosine",
        logging_steps=10,
        output_dir=${JSON.stringify(input.outputDir ?? 'outputs')},
    ),
)
trainer.train()
model.save_pretrained(${JSON.stringify(`${input.outputDir ?? 'outputs'}/final`)})
`;
  return { files: { 'train_unsloth.py': py }, command: 'python train_unsloth.py' };
}

/** The config file(s) and the command that runs them. */
export function emitPeftConfig(input: PeftInput): { files: Record<string, string>; command: string; hyperparameters: Hyperparameters } {
  const hp = scaleHyperparameters(input);
  const out = input.tool === 'trl' ? trlConfig(input, hp) : input.tool === 'axolotl' ? axolotlConfig(input, hp) : unslothScript(input, hp);
  return { ...out, hyperparameters: hp };
}
