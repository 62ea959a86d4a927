import { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../core/write-atomic.js';
import { ExportError } from '../export/training/export-error.js';
import { MANIFEST_FILE, type ExportManifest } from '../export/training/export-training.js';
import { createFineTuningClient } from '../export/finetune/openai-fine-tuning-client.js';
import { cancelFinetuneJob, runFinetuneJob, type FinetuneEvent } from '../export/finetune/run-finetune-job.js';
import { emitPeftConfig, PEFT_METHODS, PEFT_TOOLS, type PeftMethod, type PeftTool } from '../export/finetune/peft-config.js';
import { EXIT, runCommand } from './run-command.js';

export interface FinetuneCommandOptions {
  provider?: string;
  model?: string;
  method?: string;
  baseUrl?: string;
  apiKeyEnv: string;
  suffix?: string;
  epochs?: string;
  restart?: boolean;
  detach?: boolean;
  cancel?: boolean;
  pollSeconds: string;
  emit?: string;
  format?: string;
  export?: string;
  out?: string;
}

/** Formats a PEFT config can train from, in order of preference when none is named. */
const PEFT_FORMATS = ['trl-conversational', 'trl-prompt-completion', 'sharegpt', 'chatml', 'alpaca', 'dpo'];

export function finetuneCommand(): Command {
  return new Command('finetune')
    .description('fine-tune on an exported run: a job on the OpenAI fine-tuning API (or a compatible one), or a ready-to-run TRL/Axolotl/Unsloth config')
    .argument('<run-dir>', 'run directory with an export (synthkit export)')
    .option('--provider <name>', 'run a hosted job: openai (any server speaking the OpenAI fine-tuning API with --base-url)')
    .option('-m, --model <base>', 'base model (provider model id, or Hub id/path for --emit)')
    .option('--method <method>', 'supervised | dpo (provider); lora | qlora | full (--emit)')
    .option('--base-url <url>', 'API root including /v1 (default https://api.openai.com/v1)')
    .option('--api-key-env <name>', 'environment variable holding the API key', 'OPENAI_API_KEY')
    .option('--suffix <text>', 'suffix of the fine-tuned model name')
    .option('--epochs <n>', 'n_epochs hyperparameter (default: the provider chooses)')
    .option('--restart', 'create a new job although the stored one failed or was cancelled')
    .option('--detach', 'return once the job is created; run the command again to follow it')
    .option('--cancel', "cancel the run's job")
    .option('--poll-seconds <s>', 'seconds between status checks', '10')
    .option('--emit <tool>', `write a training config instead: ${PEFT_TOOLS.join(' | ')}`)
    .option('--format <format>', `exported format the config trains on (default the first exported of ${PEFT_FORMATS.join(', ')})`)
    .option('--export <dir>', 'export folder (default <run-dir>/export)')
    .option('-o, --out <dir>', 'where --emit writes (default <run-dir>/finetune/<tool>)')
    .action((runDir: string, opts: FinetuneCommandOptions) => runCommand((signal) => (opts.emit ? emit(runDir, opts) : hosted(runDir, opts, signal))));
}

async function hosted(runDir: string, opts: FinetuneCommandOptions, signal: AbortSignal): Promise<number> {
  if (opts.provider !== 'openai') throw new ExportError(`--provider openai (or --emit ${PEFT_TOOLS.join('|')}) is required; got ${opts.provider ?? 'none'}`);
  const apiKey = process.env[opts.apiKeyEnv];
  if (!apiKey) throw new ExportError(`set ${opts.apiKeyEnv} to your API key (or name another variable with --api-key-env)`);
  if (opts.cancel) {
    const job = await cancelFinetuneJob(runDir, createFineTuningClient({ baseUrl: opts.baseUrl, apiKey, signal }));
    process.stdout.write(`job ${job.id}: ${job.status}\n`);
    return EXIT.ok;
  }
  if (!opts.model) throw new ExportError('--model <base> is required (e.g. gpt-4o-mini-2024-07-18)');
  const method = opts.method ?? 'supervised';
  if (method !== 'supervised' && method !== 'dpo') throw new ExportError(`--method for a hosted job is supervised or dpo, got ${method}`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const state = await runFinetuneJob(runDir, {
    model: opts.model,
    method,
    apiKey,
    baseUrl: opts.baseUrl,
    suffix: opts.suffix,
    hyperparameters: opts.epochs ? { n_epochs: Number(opts.epochs) } : undefined,
    exportDir: opts.export,
    restart: opts.restart,
    detach: opts.detach,
    pollMs: Number(opts.pollSeconds) * 1000,
    signal,
    onEvent: (e: FinetuneEvent) => {
      if (e.type === 'uploaded') log(`uploaded ${e.split} file: ${e.fileId}`);
      else if (e.type === 'created') log(`created job ${e.jobId} (stored in the run; run this command again to follow it after a stop)`);
      else if (e.type === 'resumed') log(`following job ${e.jobId} (${e.status})`);
      else if (e.type === 'status') log(`status: ${e.status}`);
      else log(`  [${e.event.level}] ${e.event.message}`);
    },
  });
  if (state.status === 'succeeded') {
    process.stdout.write(`fine-tuned model: ${state.fine_tuned_model}\n`);
    const engine = opts.baseUrl ? `engine: openai-compatible, base_url: ${opts.baseUrl}` : 'engine: openai';
    process.stderr.write(`generate with it: models: { tuned: { ${engine}, model: ${state.fine_tuned_model} } }\n`);
  } else process.stdout.write(`job ${state.job_id}: ${state.status}\n`);
  return EXIT.ok;
}

async function emit(runDir: string, opts: FinetuneCommandOptions): Promise<number> {
  const tool = opts.emit as PeftTool;
  if (!PEFT_TOOLS.includes(tool)) throw new ExportError(`--emit takes ${PEFT_TOOLS.join(', ')}; got ${opts.emit}`);
  const method = (opts.method ?? 'lora') as PeftMethod;
  if (!PEFT_METHODS.includes(method)) throw new ExportError(`--method with --emit is ${PEFT_METHODS.join(', ')}; got ${opts.method}`);
  if (!opts.model) throw new ExportError('--model <base> is required: the Hub id or path of the base model (e.g. Qwen/Qwen2.5-0.5B-Instruct)');
  const exportDir = resolve(opts.export ?? join(runDir, 'export'));
  const manifestFile = join(exportDir, MANIFEST_FILE);
  if (!existsSync(manifestFile)) throw new ExportError(`no export in ${exportDir}: run \`synthkit export ${runDir} --format trl-conversational\` first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as ExportManifest;
  const names = manifest.formats.map((f) => f.name);
  const format = opts.format ?? PEFT_FORMATS.find((f) => names.includes(f));
  const entry = manifest.formats.find((f) => f.name === format);
  if (!format || !entry)
    throw new ExportError(
      `the export has ${names.join(', ')}; export one of ${PEFT_FORMATS.join(', ')} (synthkit export ${runDir} --format trl-conversational)`,
    );
  const train = entry.splits.find((s) => s.split === 'train');
  if (!train) throw new ExportError(`the ${format} export has no train split`);
  const maxChars = readFileSync(join(exportDir, train.jsonl), 'utf8')
    .split('\n')
    .reduce((m, line) => Math.max(m, line.length), 0);
  const out = resolve(opts.out ?? join(runDir, 'finetune', tool));
  const result = emitPeftConfig({
    tool,
    method,
    baseModel: opts.model,
    dataDir: relative(out, exportDir) || '.',
    format,
    trainExamples: train.examples,
    hasValidation: entry.splits.some((s) => s.split === 'validation'),
    maxChars,
  });
  await mkdir(out, { recursive: true });
  for (const [name, text] of Object.entries(result.files)) await writeFileAtomic(join(out, name), text);
  process.stdout.write(
    `wrote ${Object.keys(result.files)
      .map((f) => relative(process.cwd(), join(out, f)))
      .join(', ')}\nrun: cd ${relative(process.cwd(), out) || '.'} && ${result.command}\n`,
  );
  return EXIT.ok;
}
