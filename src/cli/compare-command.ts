import { Command } from 'commander';
import { compareEvaluations, formatComparison } from '../evaluate/compare-evaluations.js';
import { loadEvaluateConfigFile } from '../evaluate/load-evaluate-config.js';
import { EXIT, runCommand } from './run-command.js';

export interface CompareCommandOptions {
  out?: string;
  with?: string;
  quiet?: boolean;
}

export function compareCommand(): Command {
  return new Command('compare')
    .description("compare two runs' quality metrics side by side (reads their metrics.json, or evaluates them)")
    .argument('<run-a>', 'run directory, JSONL file or metrics.json')
    .argument('<run-b>', 'run directory, JSONL file or metrics.json')
    .option('-o, --out <dir>', 'write compare.html and comparison.json here')
    .option('-w, --with <evaluate.yaml>', 'evaluation config for inputs that have no metrics.json yet')
    .option('-q, --quiet', 'no progress output')
    .action((a: string, b: string, opts: CompareCommandOptions) =>
      runCommand(async (signal) => {
        const result = await compareEvaluations(a, b, {
          out: opts.out,
          config: opts.with ? loadEvaluateConfigFile(opts.with) : undefined,
          signal,
          onProgress: opts.quiet ? undefined : (message) => process.stderr.write(`${message}\n`),
        });
        process.stdout.write(`${formatComparison(result.rows)}\n`);
        for (const file of result.files) process.stdout.write(`wrote ${file}\n`);
        return EXIT.ok;
      }),
    );
}
