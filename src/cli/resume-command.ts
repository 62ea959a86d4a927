import { Command } from 'commander';
import { resume } from '../generate/generate.js';
import { createProgressView, formatSummary } from './progress-view.js';
import { EXIT, runCommand } from './run-command.js';

export function resumeCommand(): Command {
  return new Command('resume')
    .description('finish a stopped run: no record lost or duplicated, finished calls not paid again')
    .argument('<run-dir>', 'the run directory of the stopped run')
    .option('-q, --quiet', 'no progress output')
    .action((dir: string, opts: { quiet?: boolean }) =>
      runCommand(async (signal) => {
        const view = createProgressView(process.stderr, opts.quiet);
        try {
          const summary = await resume(dir, { signal, onEvent: view.onEvent });
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
