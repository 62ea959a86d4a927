/**
 * Where a local model's GGUF file comes from, in order: the recipe's `path`, the
 * SYNTHKIT_LOCAL_MODEL environment variable, then a default instruct model downloaded once into
 * the cache directory on first use.
 *
 * The default is Qwen2.5 1.5B Instruct at Q4_K_M (about 1.1 GB): small enough for a laptop CPU,
 * good enough to follow a prompt and fill a JSON schema, Apache-2.0 licensed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCacheDir } from '../core/cache-dir.js';
import { writeFileAtomic } from '../core/write-atomic.js';
import { ModelSetupError } from './types.js';

export const DEFAULT_MODEL_URI = 'hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf';

export interface DownloadProgress {
  downloadedBytes: number;
  totalBytes: number;
}

export async function resolveLocalModelPath(
  configuredPath: string | undefined,
  onDownloadProgress?: (progress: DownloadProgress) => void,
): Promise<string> {
  const path = configuredPath ?? process.env.SYNTHKIT_LOCAL_MODEL;
  if (path) return path;
  const uri = process.env.SYNTHKIT_DEFAULT_MODEL_URI || DEFAULT_MODEL_URI;
  const dir = join(defaultCacheDir(), 'models');
  // Remember where a finished download went, so later runs need no network (even to check).
  const index = join(dir, 'downloaded.json');
  const known = readIndex(index)[uri];
  if (known && existsSync(known)) return known;
  try {
    const { createModelDownloader } = await import('node-llama-cpp');
    const downloader = await createModelDownloader({
      modelUri: uri,
      dirPath: dir,
      onProgress: ({ totalSize, downloadedSize }) => onDownloadProgress?.({ downloadedBytes: downloadedSize, totalBytes: totalSize }),
    });
    const path = existsSync(downloader.entrypointFilePath) ? downloader.entrypointFilePath : await downloader.download();
    await writeFileAtomic(index, JSON.stringify({ ...readIndex(index), [uri]: path }, null, 2));
    return path;
  } catch (error) {
    throw new ModelSetupError(
      `no local model file given and the default model could not be downloaded from ${uri} (${(error as Error).message.split('\n')[0]}). ` +
        'Download a GGUF instruct model yourself and point to it: set models.<name>.path in the recipe, set SYNTHKIT_LOCAL_MODEL=/path/to/model.gguf, or pass --local-model /path/to/model.gguf.',
    );
  }
}

function readIndex(file: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}
