/**
 * `synthkit models pull [uri]` downloads the default local model (or the given one) into the cache
 * ahead of a run, with a progress bar; `synthkit models list` shows what the cache holds.
 *
 * Pulling ahead is how a machine that will run offline gets its model: download once where a
 * network is available, and every later run finds the file through the cache index with no
 * network at all. Ctrl-C stops a pull at once; the same command resumes it.
 */
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { defaultModelUri } from '../models/default-model.js';
import type { DownloadProgress } from '../models/download-file.js';
import { cachedModelPath, listCachedModels, modelsDir, pullModel } from '../models/model-cache.js';
import { resolveModelUri } from '../models/model-uri.js';
import { EXIT, runCommand } from './run-command.js';

export function modelsCommand(): Command {
  const models = new Command('models').description('download and list the local GGUF models in the cache');
  models
    .command('pull')
    .description('download a model into the cache (default: the default local model), resuming an interrupted download')
    .argument('[uri]', 'hf:<user>/<repo>/<file>.gguf or an http(s) URL of a GGUF file')
    .option('-q, --quiet', 'no progress output')
    .action((uri: string | undefined, opts: { quiet?: boolean }) => runCommand((signal) => pull(uri ?? defaultModelUri(), signal, !!opts.quiet)));
  models
    .command('list')
    .description('list the model files in the cache and where each came from')
    .action(() => runCommand(async () => list()));
  return models;
}

async function pull(uri: string, signal: AbortSignal, quiet: boolean): Promise<number> {
  const cached = cachedModelPath(uri);
  if (cached) {
    process.stdout.write(`${uri} is already downloaded: ${cached}\n`);
    return EXIT.ok;
  }
  const source = resolveModelUri(uri);
  if (!quiet) process.stderr.write(`downloading ${uri}\n  from ${source.url.href}\n  into ${modelsDir()}\n`);
  const view = createDownloadView(process.stderr, quiet);
  try {
    const path = await pullModel(uri, { signal, onProgress: view.update });
    view.stop();
    process.stdout.write(`${path}\n`);
    return EXIT.ok;
  } catch (error) {
    view.stop();
    if (signal.aborted) {
      process.stderr.write('download stopped; run the same command again to resume it\n');
      return EXIT.interrupted;
    }
    throw error;
  }
}

function list(): number {
  const models = listCachedModels();
  const dir = modelsDir();
  if (!models.length) {
    process.stdout.write(`no models in ${dir}; \`synthkit models pull\` downloads the default model (${defaultModelUri()})\n`);
    return EXIT.ok;
  }
  const defaultPath = cachedModelPath(defaultModelUri());
  for (const m of models) {
    const what = m.partial
      ? 'incomplete download (`synthkit models pull` resumes it)'
      : m.uri
        ? `${m.uri}${m.path === defaultPath ? ' (default model)' : ''}`
        : 'source unknown';
    process.stdout.write(`${m.path}\t${formatBytes(m.bytes)}\t${what}\n`);
  }
  return EXIT.ok;
}

/** A live bar on a terminal; otherwise a line at the start, every 10 % and at the end, for logs. */
function createDownloadView(stream: NodeJS.WriteStream, quiet: boolean) {
  const live = stream.isTTY && !quiet;
  let bar: cliProgress.SingleBar | undefined;
  let lastDecile = -1;
  return {
    update(p: DownloadProgress) {
      if (quiet) return;
      const payload = { done: formatBytes(p.downloadedBytes), total: p.totalBytes ? formatBytes(p.totalBytes) : '?' };
      if (live) {
        bar ??= new cliProgress.SingleBar(
          { format: 'downloading |{bar}| {percentage}% {done} of {total} | ETA {eta_formatted}', stream, hideCursor: true, etaBuffer: 50 },
          cliProgress.Presets.shades_classic,
        );
        if (!bar.isActive) bar.start(p.totalBytes || 1, p.downloadedBytes, payload);
        else bar.update(p.downloadedBytes, payload);
        return;
      }
      const decile = p.totalBytes ? Math.floor((10 * p.downloadedBytes) / p.totalBytes) : 0;
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(`downloaded ${payload.done} of ${payload.total}\n`);
      }
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
