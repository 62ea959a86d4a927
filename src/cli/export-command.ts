import { Command } from 'commander';
import { relative } from 'node:path';
import { exportRun } from '../pipeline/export-run.js';
import { EXPORT_FORMATS } from '../export/training/format-registry.js';
import { EXIT, runCommand } from './run-command.js';

export interface ExportCommandOptions {
  format?: string[];
  with?: string;
  out?: string;
  listFormats?: boolean;
}

export function exportCommand(): Command {
  return new Command('export')
    .description('write a run as training data (chat/preference formats, nested Parquet, Hugging Face dataset folder with card), honouring curation and review')
    .argument('[run-dir]', 'run directory')
    .option('-f, --format <format...>', 'formats to write (overrides the config): raw or a training format (see --list-formats)')
    .option('-w, --with <export.yaml>', "export config (default: the recipe's export: section)")
    .option('-o, --out <dir>', 'output folder (default <run-dir>/export)')
    .option('--list-formats', 'list the training formats and exit')
    .action((runDir: string | undefined, opts: ExportCommandOptions) =>
      runCommand(async () => {
        if (opts.listFormats || !runDir) {
          for (const f of EXPORT_FORMATS) process.stdout.write(`${f.name.padEnd(24)}${f.kind.padEnd(12)}${f.description}\n`);
          process.stdout.write(`${'raw'.padEnd(24)}${'any'.padEnd(12)}every exported column as it is\n`);
          return runDir || opts.listFormats ? EXIT.ok : EXIT.failed;
        }
        const manifest = await exportRun(runDir, { config: opts.with, formats: opts.format, out: opts.out });
        const rel = (p: string) => relative(process.cwd(), p) || '.';
        process.stdout.write(`exported ${manifest.exported} of ${manifest.records} records to ${rel(manifest.out)}\n`);
        for (const [reason, n] of Object.entries(manifest.excluded)) process.stdout.write(`  left out (${reason}): ${n}\n`);
        for (const [reason, n] of Object.entries(manifest.preferenceSkipped ?? {})) process.stdout.write(`  no preference pair (${reason}): ${n}\n`);
        for (const f of manifest.formats) process.stdout.write(`  ${f.name}: ${f.splits.map((s) => `${s.split} ${s.examples}`).join(', ')}\n`);
        return EXIT.ok;
      }),
    );
}
