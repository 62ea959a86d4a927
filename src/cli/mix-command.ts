import { Command } from 'commander';
import { writeJsonl } from '../export/jsonl.js';
import { evaluateFamily } from '../evaluate/metrics/family-drift.js';
import { mixDatasets } from '../pipeline/mix-datasets.js';
import { readRunLineage } from '../pipeline/run-lineage.js';
import { readAllRecords } from '../store/read-dataset.js';
import { EXIT, runCommand } from './run-command.js';

/** `synthkit mix`: real and synthetic records at a ratio, each with its `_lineage`. */
export function mixCommand(): Command {
  return new Command('mix')
    .description('combine real and synthetic records at a ratio into one JSONL file; every record keeps its provenance in _lineage')
    .requiredOption('--real <file>', 'real records (JSONL or a run directory)')
    .requiredOption('--synthetic <file>', 'synthetic records (JSONL or a run directory)')
    .requiredOption('--ratio <share>', 'share of synthetic records, 0..1', Number)
    .requiredOption('-o, --out <file.jsonl>', 'output JSONL file')
    .option('-n, --records <n>', 'records in the result (default: as many as the inputs allow)', Number)
    .option('--model <name>', 'generator model recorded on synthetic records without lineage')
    .option('--seed <n>', 'shuffle seed', Number, 0)
    .action((opts: { real: string; synthetic: string; ratio: number; out: string; records?: number; model?: string; seed: number }) =>
      runCommand(async () => {
        const real = { records: await readAllRecords(opts.real), source: opts.real };
        // A run directory's lineage.json says which models wrote it and how deep in the family it is.
        const lineageOf = readRunLineage(opts.synthetic);
        const syntheticRows = await readAllRecords(opts.synthetic);
        const synthetic = {
          records: lineageOf ? syntheticRows.map((r) => ({ ...r, _lineage: r._lineage ?? { ...lineageOf(r), source: opts.synthetic } })) : syntheticRows,
          source: opts.synthetic,
        };
        const rows = mixDatasets(real, synthetic, { syntheticShare: opts.ratio, records: opts.records, seed: opts.seed, model: opts.model });
        await writeJsonl(opts.out, rows);
        const nSynthetic = rows.filter((r) => (r._lineage as { origin: string }).origin === 'synthetic').length;
        process.stdout.write(`wrote ${rows.length} records (${nSynthetic} synthetic, ${rows.length - nSynthetic} real) to ${opts.out}\n`);
        return EXIT.ok;
      }),
    );
}

/** `synthkit drift`: diversity and drift across a dataset family, generation 0 first; exit 3 on decay. */
export function driftCommand(): Command {
  return new Command('drift')
    .description('track diversity and distribution drift across dataset generations (first = generation 0) and warn on decay (model collapse)')
    .argument('<generations...>', 'JSONL files or run directories, oldest first')
    .option('--field <path>', 'text field', 'text')
    .option('--json', 'print the report as JSON')
    .action((files: string[], opts: { field: string; json?: boolean }) =>
      runCommand(async () => {
        const generations = await Promise.all(files.map((f) => readAllRecords(f)));
        const report = evaluateFamily(generations, opts.field);
        if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
        else {
          for (const g of report.generations) {
            process.stdout.write(
              `generation ${g.generation}: ${g.records} records, distinct-2 ${g.distinct2.toFixed(3)}, entropy ${g.entropy.toFixed(2)} bits, vocabulary ${g.vocabulary}, drift (JS) ${g.driftFromFirst.toFixed(3)}\n`,
            );
          }
          for (const w of report.warnings) process.stdout.write(`warning: ${w}\n`);
        }
        return report.warnings.length ? EXIT.thresholdFailed : EXIT.ok;
      }),
    );
}
