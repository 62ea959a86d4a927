import { Command, InvalidArgumentError } from 'commander';
import { generate } from '../generate/generate.js';
import { createProgressView, formatSummary } from './progress-view.js';
import { EXIT, runCommand } from './run-command.js';

export function generateCommand(): Command {
  return new Command('generate')
    .description('generate a dataset from a recipe into a run directory')
    .argument('<recipe>', 'recipe YAML file')
    .requiredOption('-o, --out <run-dir>', 'run directory (created; holds the database and dataset files)')
    .option('-n, --records <n>', 'override the number of records', positiveInt)
    .option('--local-model <file.gguf>', "run the recipe's local models on this GGUF file")
    .option('--no-cache', 'do not use the shared cross-run call cache')
    .option('-q, --quiet', 'no progress output')
    .action((recipe: string, opts: { out: string; records?: number; localModel?: string; cache: boolean; quiet?: boolean }) =>
      runCommand(async (signal) => {
        const view = createProgressView(process.stderr, opts.quiet);
        try {
          const summary = await generate(recipe, {
            out: opts.out,
            records: opts.records,
            localModel: opts.localModel,
            cache: opts.cache ? undefined : false,
            signal,
            onEvent: view.onEvent,
          });
          view.stop();
          process.stderr.write(`${formatSummary(summary)}\n`);
          if (!summary.complete) return EXIT.incomplete;
          return summary.evaluation?.failedThresholds.length ? EXIT.thresholdFailed : EXIT.ok;
        } finally {
          view.stop();
        }
      }),
    );
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a whole number greater than 0');
  return n;
}
