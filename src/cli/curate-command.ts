import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { curateRecords } from '../curate/run-curation.js';
import { explainRecord, formatCurationSummary } from '../curate/explain-record.js';
import { loadCurateConfigFile, parseCurateConfigObject } from '../curate/load-curate-config.js';
import { defaultCurateConfig } from '../curate/default-config.js';
import { stageNameOf } from '../curate/config-schema.js';
import { DatasetError } from '../store/read-dataset.js';
import { EXIT, runCommand } from './run-command.js';

export interface CurateCommandOptions {
  with?: string;
  out?: string;
  explain?: string;
  localModel?: string;
  textField?: string;
  cache: boolean;
  quiet?: boolean;
}

export function curateCommand(): Command {
  return new Command('curate')
    .description('filter, deduplicate, judge and weight a finished run or a JSONL file; every record keeps its decision and reasons')
    .argument('<run-dir|file>', 'run directory (its dataset.jsonl) or any JSONL file')
    .option(
      '-w, --with <curate.yaml>',
      "curation config (default: quality, repetition and language rules plus exact and near dedup, tuned to the texts' lengths)",
    )
    .option('--text-field <path>', 'the text field the default curation reads (default text)')
    .option('-o, --out <dir>', 'output directory (default <run-dir>/curated or <file>.curated next to the file)')
    .option('--explain <record-id>', "print one record's path through the stages (its _id, else the file's id field, else its row number)")
    .option('--local-model <file.gguf>', 'run the local judge models on this GGUF file')
    .option('--no-cache', 'do not use the shared cross-run call cache')
    .option('-q, --quiet', 'no progress output')
    .action((input: string, opts: CurateCommandOptions) => runCommand((signal) => runCurate(input, opts, signal)));
}

async function runCurate(input: string, opts: CurateCommandOptions, signal: AbortSignal): Promise<number> {
  const config = opts.with ? loadCurateConfigFile(opts.with) : parseCurateConfigObject(defaultCurateConfig(opts.textField));
  let result: Awaited<ReturnType<typeof curateRecords>>;
  try {
    result = await curateRecords(input, config, {
      out: opts.out,
      configDir: opts.with ? dirname(resolve(opts.with)) : process.cwd(),
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
