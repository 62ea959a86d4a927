import { stat } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { KnowledgeBaseError } from '../grounding/knowledge-base-error.js';
import { ingest } from '../grounding/ingest.js';
import { EXIT, runCommand } from './run-command.js';
import { createEmbedder } from '../models/embedders.js';
import { recordEmbedder } from '../grounding/kb-embedder.js';

export function ingestCommand(): Command {
  return new Command('ingest')
    .description('build or update a knowledge base from .txt, .md, .html, .pdf and .jsonl files (unchanged files are skipped by content hash)')
    .argument('<paths...>', 'files or folders (folders are read recursively)')
    .requiredOption('--kb <dir>', 'knowledge base folder (created if missing)')
    .option('--max-tokens <n>', 'tokens per chunk', positiveInt, 256)
    .option('--overlap <n>', 'tokens shared by consecutive chunks of one section', nonNegativeInt, 32)
    .option('--max-file-mb <n>', 'skip files larger than this many MB', positiveNumber, 50)
    .option('--base <dir>', 'folder that stored source paths are relative to (default: the common folder of the paths)')
    .option('--keep-missing', 'keep files that were ingested from a folder before but are gone from it now')
    .option('--embed <spec>', 'also embed chunks for hybrid search: local:/path/model.gguf or openai:<model>[@<base_url>]')
    .option('--json', 'print the summary as JSON')
    .action(
      (
        paths: string[],
        opts: { kb: string; maxTokens: number; overlap: number; maxFileMb: number; base?: string; keepMissing?: boolean; embed?: string; json?: boolean },
      ) =>
        runCommand(async (signal) => {
          await requireExistingPaths(paths);
          const showProgress = process.stderr.isTTY && !opts.json;
          const embedder = opts.embed ? await createEmbedder(opts.embed) : undefined;
          try {
            if (embedder) await recordEmbedder(opts.kb, embedder.spec);
            const summary = await ingest(paths, opts.kb, {
              embed: embedder ? (texts) => embedder.embed(texts) : undefined,
              maxTokens: opts.maxTokens,
              overlapTokens: opts.overlap,
              maxFileBytes: Math.round(opts.maxFileMb * 1024 * 1024),
              baseDir: opts.base,
              removeMissing: !opts.keepMissing,
              signal,
              onFile: showProgress ? ({ done, total }) => done % 100 === 0 && process.stderr.write(`\ringesting: ${done}/${total} files`) : undefined,
            });
            if (showProgress) process.stderr.write('\r\x1b[K');
            if (opts.json) {
              process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
              return EXIT.ok;
            }
            const out: string[] = [];
            for (const s of summary.skipped) out.push(`skipped ${s.path}: ${s.reason}`);
            for (const w of summary.warnings) out.push(`warning: ${w}`);
            out.push(
              `${opts.kb}: ${summary.added.length} added, ${summary.updated.length} updated, ${summary.unchanged.length} unchanged, ` +
                `${summary.removed.length} removed, ${summary.skipped.length} skipped; ` +
                `${summary.chunksAdded} chunks added, ${summary.chunksRemoved} removed; ${summary.totalFiles} files, ${summary.totalChunks} chunks in total ` +
                `(${(summary.elapsedMs / 1000).toFixed(1)} s)`,
            );
            if (summary.chunksAdded + summary.chunksRemoved > 0)
              out.push(`the concept graph (if any) is now stale: run \`synthkit graph ${opts.kb} --rebuild\``);
            process.stdout.write(`${out.join('\n')}\n`);
            return EXIT.ok;
          } finally {
            await embedder?.close();
          }
        }),
    );
}

/**
 * The library skips a missing path among others and goes on; on the command line a path that does
 * not exist is a typo, so it stops before the knowledge base is created or changed.
 */
async function requireExistingPaths(paths: string[]): Promise<void> {
  const problems: string[] = [];
  for (const path of paths) {
    await stat(path).catch((error: NodeJS.ErrnoException) => problems.push(`${path}: ${error.code === 'ENOENT' ? 'no such file or folder' : error.message}`));
  }
  if (problems.length)
    throw new KnowledgeBaseError(`cannot ingest ${problems.join('; ')}. Nothing was ingested; check the path${problems.length > 1 ? 's' : ''}.`);
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number >= 0');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number > 0');
  return n;
}
