import { Command } from 'commander';
import { resume } from '../pipeline/run-pipeline.js';
import { createProgressView, formatSummary } from './progress-view.js';
import { runCommand } from './run-command.js';
import { positiveInt, positiveNumber, runOptions, type RunOptions } from './generate-command.js';
import { exitCodeFor, formatFailures } from './run-outcome.js';

export function resumeCommand(): Command {
  return new Command('resume')
    .description('finish a stopped run: no record lost or duplicated, finished calls not paid again, failed cells retried')
    .argument('<run-dir>', 'the run directory of the stopped run')
    .option('-n, --records <n>', 'change the number of records', positiveInt)
    .option('--local-model <file.gguf>', "run the recipe's local models on this GGUF file")
    .option('--max-cost <dollars>', 'stop cleanly (resumable) before spending would pass this amount', positiveNumber)
    .option('--no-cache', 'do not use the shared cross-run call cache')
    .option('--batch', 'send OpenAI and Anthropic calls through their batch APIs (reattaches to batches still running)')
    .option('--queue <redis-url>', 'run model calls as jobs for `synthkit worker`s on this Redis queue')
    .option('-q, --quiet', 'no progress output')
    .action((dir: string, opts: RunOptions) =>
      runCommand(async (signal) => {
        const view = createProgressView(process.stderr, opts.quiet);
        try {
          const summary = await resume(dir, { ...runOptions(opts), signal, onEvent: view.onEvent });
          view.stop();
          process.stderr.write(`${[formatSummary(summary), formatFailures(summary)].filter(Boolean).join('\n')}\n`);
          return exitCodeFor(summary);
        } finally {
          view.stop();
        }
      }, `Continue with: synthkit resume ${dir}`),
    );
}
