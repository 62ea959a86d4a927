import { Command, InvalidArgumentError } from 'commander';
import { generate } from '../pipeline/run-pipeline.js';
import { createProgressView, formatSummary } from './progress-view.js';
import { runCommand } from './run-command.js';
import { exitCodeFor, formatFailures } from './run-outcome.js';

export function generateCommand(): Command {
  return new Command('generate')
    .description('generate a dataset from a recipe into a run directory')
    .argument('<recipe>', 'recipe YAML file')
    .requiredOption('-o, --out <run-dir>', 'run directory (created; holds the database and dataset files)')
    .option('-n, --records <n>', 'override the number of records', positiveInt)
    .option('--local-model <file.gguf>', "run the recipe's local models on this GGUF file")
    .option('--max-cost <dollars>', 'stop cleanly (resumable) before spending would pass this amount', positiveNumber)
    .option('--no-cache', 'do not use the shared cross-run call cache')
    .option('-q, --quiet', 'no progress output')
    .action((recipe: string, opts: RunOptions & { out: string }) =>
      runCommand(async (signal) => {
        const view = createProgressView(process.stderr, opts.quiet);
        try {
          const summary = await generate(recipe, { ...runOptions(opts), out: opts.out, signal, onEvent: view.onEvent });
          view.stop();
          process.stderr.write(`${[formatSummary(summary), formatFailures(summary)].filter(Boolean).join('\n')}\n`);
          return exitCodeFor(summary);
        } finally {
          view.stop();
        }
      }, `Continue with: synthkit resume ${opts.out}`),
    );
}

/** The options generate and resume share (resume may change the model file, count and budget). */
export interface RunOptions {
  records?: number;
  localModel?: string;
  maxCost?: number;
  cache: boolean;
  quiet?: boolean;
}

export function runOptions(opts: RunOptions) {
  return { records: opts.records, localModel: opts.localModel, maxCost: opts.maxCost, cache: opts.cache ? undefined : false };
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a whole number greater than 0');
  return n;
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number greater than 0');
  return n;
}
