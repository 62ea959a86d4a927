import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { loadRecipeFile } from '../recipe/load-recipe.js';
import { formatRedteamTable, runRedteam } from '../redteam/run-redteam.js';
import { EXIT, runCommand } from './run-command.js';

interface RedteamCommandOptions {
  records: string;
  out?: string;
  failOnChange?: boolean;
  cache: boolean;
  quiet?: boolean;
}

export function redteamCommand(): Command {
  return new Command('redteam')
    .description(
      "plant built-in injection payloads (with canaries) in the recipe's few-shot files, documents and upstream columns, run small generations and report which payloads changed the outputs",
    )
    .argument('<recipe.yaml>', 'the recipe to attack (its models and its safety: section are used)')
    .option('-n, --records <n>', 'records per planted run', '2')
    .option('-o, --out <dir>', 'where the planted runs and redteam.json go (default ./redteam-<recipe name>)')
    .option('--fail-on-change', 'exit with code 3 when any payload changed an output')
    .option('--no-cache', 'do not use the shared cross-run call cache')
    .option('-q, --quiet', 'no progress output')
    .action((file: string, opts: RedteamCommandOptions) => runCommand((signal) => redteam(file, opts, signal)));
}

async function redteam(file: string, opts: RedteamCommandOptions, signal: AbortSignal): Promise<number> {
  const records = Number(opts.records);
  if (!Number.isInteger(records) || records < 1) {
    process.stderr.write(`--records must be a whole number >= 1, got '${opts.records}'\n`);
    return EXIT.failed;
  }
  const plan = loadRecipeFile(file);
  const out = resolve(opts.out ?? `redteam-${plan.recipe.name ?? 'recipe'}`.replace(/[^A-Za-z0-9_.-]+/g, '_'));
  mkdirSync(out, { recursive: true });
  const report = await runRedteam(plan.recipe, {
    records,
    workDir: join(out, 'runs'),
    cache: opts.cache ? undefined : false,
    signal,
    onProgress: opts.quiet ? undefined : (done, total, label) => process.stderr.write(`[${done}/${total}] ${label}\n`),
  });
  writeFileSync(join(out, 'redteam.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (!report.rows.length) process.stdout.write('the recipe has no few-shot files, documents or upstream text columns to plant payloads in\n');
  else process.stdout.write(`${formatRedteamTable(report)}\n\n`);
  process.stdout.write(
    `${report.changed} of ${report.rows.length} payload x plant x column combinations changed an output; report: ${join(out, 'redteam.json')}\n`,
  );
  return opts.failOnChange && report.changed > 0 ? EXIT.thresholdFailed : EXIT.ok;
}
