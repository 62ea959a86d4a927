import { Command, Option } from 'commander';
import { redactDataset } from '../curate/redact-dataset.js';
import { PII_TYPES, type PiiType } from '../safety/pii/types.js';
import { DatasetError } from '../store/read-dataset.js';
import { EXIT, runCommand } from './run-command.js';

interface RedactCommandOptions {
  out?: string;
  mode: 'mask' | 'replace';
  types?: string;
  minConfidence?: string;
}

export function redactCommand(): Command {
  return new Command('redact')
    .description(
      'mask personal data, or replace it with consistent fakes of the same type, in a run or a JSONL file; the real-to-fake map stays in <out>/private/',
    )
    .argument('<run-dir|file>', 'run directory (its dataset.jsonl) or any JSONL file')
    .option('-o, --out <dir>', 'output directory (default <run-dir>/redacted or <file>.redacted next to the file)')
    .addOption(new Option('--mode <mode>', 'mask or replace').choices(['mask', 'replace']).default('replace'))
    .option('--types <list>', `comma-separated PII types (default all: ${PII_TYPES.join(', ')})`)
    .option('--min-confidence <n>', 'leave spans below this confidence (default 0.5)')
    .action((input: string, opts: RedactCommandOptions) => runCommand(() => runRedact(input, opts)));
}

async function runRedact(input: string, opts: RedactCommandOptions): Promise<number> {
  const types = opts.types?.split(',').map((t) => t.trim()) as PiiType[] | undefined;
  const minConfidence = opts.minConfidence === undefined ? undefined : Number(opts.minConfidence);
  if (minConfidence !== undefined && !(minConfidence >= 0 && minConfidence <= 1)) {
    process.stderr.write(`synthkit: --min-confidence must be a number from 0 to 1, got "${opts.minConfidence}"\n`);
    return EXIT.failed;
  }
  try {
    const summary = await redactDataset(input, { out: opts.out, mode: opts.mode, types, minConfidence });
    const perType = Object.entries(summary.spans)
      .map(([type, n]) => `${type} ${n}`)
      .join(', ');
    process.stdout.write(
      `redacted ${summary.recordsRedacted} of ${summary.records} records (${perType || 'no personal data found'})\n` +
        `files: ${summary.files.join(', ')}\nprivate map (keep inside the run directory): ${summary.mapFile}\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof DatasetError) {
      process.stderr.write(`synthkit: ${error.message}\n`);
      return EXIT.failed;
    }
    throw error;
  }
}
