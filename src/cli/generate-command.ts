import { Command, InvalidArgumentError } from 'commander';
import { formatQuotaReport } from '../evaluate/metrics/fairness-quotas.js';
import { generate } from '../pipeline/run-pipeline.js';
import { generateWithTopUp, loadQuotaFile } from '../pipeline/top-up.js';
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
    .option('--batch', 'send OpenAI and Anthropic calls through their batch APIs (half price; as generation.mode: batch)')
    .option('--queue <redis-url>', 'run model calls as jobs for `synthkit worker`s on this Redis queue (redis://host:6379)')
    .option(
      '--top-up <quotas.yaml>',
      'after curation, generate more records until every group in the quotas file meets its target share (or max_extra); writes fairness.json',
    )
    .option('-q, --quiet', 'no progress output')
    .action((recipe: string, opts: RunOptions & { out: string; topUp?: string }) =>
      runCommand(async (signal) => {
        const view = createProgressView(process.stderr, opts.quiet);
        try {
          const generateOptions = { ...runOptions(opts), out: opts.out, signal, onEvent: view.onEvent };
          const topUp = opts.topUp ? await generateWithTopUp(recipe, generateOptions, loadQuotaFile(opts.topUp)) : undefined;
          const summary = topUp?.pipeline ?? (await generate(recipe, generateOptions));
          if (topUp) process.stderr.write(`${formatQuotaReport(topUp.after)}\ntop-up: ${topUp.rounds.length} round(s), stopped: ${topUp.stopped}\n`);
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
  batch?: boolean;
  queue?: string;
  quiet?: boolean;
}

export function runOptions(opts: RunOptions) {
  return {
    records: opts.records,
    localModel: opts.localModel,
    maxCost: opts.maxCost,
    cache: opts.cache ? undefined : false,
    batch: opts.batch,
    queue: opts.queue,
  };
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
