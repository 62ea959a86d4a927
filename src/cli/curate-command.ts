import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { curateRecords } from '../curate/run-curation.js';
import { explainRecord, formatCurationSummary } from '../curate/explain-record.js';
import { loadCurateConfigFile } from '../curate/load-curate-config.js';
import { stageNameOf } from '../curate/config-schema.js';
import { DatasetError } from '../store/read-dataset.js';
import { EXIT, runCommand } from './run-command.js';

export interface CurateCommandOptions {
  with: string;
  out?: string;
  explain?: string;
  localModel?: string;
  cache: boolean;
  quiet?: boolean;
}

export function curateCommand(): Command {
  return new Command('curate')
    .description('filter, deduplicate, judge and weight a finished run or a JSONL file; every record keeps its decision and reasons')
    .argument('<run-dir|file>', 'run directory (its dataset.jsonl) or any JSONL file')
    .requiredOption('-w, --with <curate.yaml>', 'curation config')
    .option('-o, --out <dir>', 'output directory (default <run-dir>/curated or <file>.curated next to the file)')
    .option('--explain <record-id>', "print one record's path through the stages")
    .option('--local-model <file.gguf>', 'run the local judge models on this GGUF file')
    .option('--no-cache', 'do not use the shared cross-run call cache')
    .option('-q, --quiet', 'no progress output')
    .action((input: string, opts: CurateCommandOptions) => runCommand((signal) => runCurate(input, opts, signal)));
}

async function runCurate(input: string, opts: CurateCommandOptions, signal: AbortSignal): Promise<number> {
  const config = loadCurateConfigFile(opts.with);
  let result: Awaited<ReturnType<typeof curateRecords>>;
  try {
    result = await curateRecords(input, config, {
      out: opts.out,
      configDir: dirname(resolve(opts.with)),
      localModel: opts.localModel,
      cache: opts.cache ? undefined : false,
      signal,
      onEvent: opts.quiet
        ? undefined
        : (event) => {
            if (event.type === 'stage-start') process.stderr.write(`${event.stage} (${event.kind}): ${event.records} records\n`);
          },
    });
  } catch (error) {
    if (error instanceof DatasetError) {
      process.stderr.write(`synthkit: ${error.message}\n`);
      return EXIT.failed;
    }
    throw error;
  }
  if (opts.explain === undefined) {
    process.stdout.write(`${formatCurationSummary(result.summary)}\n`);
    return EXIT.ok;
  }
  // The summary goes to stderr so stdout holds only the explanation.
  if (!opts.quiet) process.stderr.write(`${formatCurationSummary(result.summary)}\n`);
  const record = result.records.find((r) => String(r.id) === opts.explain);
  if (!record) {
    process.stderr.write(`synthkit: no record with _id ${opts.explain} in ${input}\n`);
    return EXIT.failed;
  }
  process.stdout.write(`${explainRecord(record, config.stages.map(stageNameOf))}\n`);
  return EXIT.ok;
}
