/**
 * Where a local model's GGUF file comes from, in order: the recipe's `path`, the
 * SYNTHKIT_LOCAL_MODEL environment variable, then a default instruct model downloaded once into
 * the cache directory on first use (or ahead of time with `synthkit models pull`).
 *
 * The default is Qwen2.5 1.5B Instruct at Q4_K_M (about 1.1 GB): small enough for a laptop CPU,
 * good enough to follow a prompt and fill a JSON schema, Apache-2.0 licensed.
 *
 * The first minute must never hang: offline, with the model host unknown, refusing or silent, the
 * download fails within about 10 s (download-file.ts) with a message naming the three ways to give
 * a model instead, and an AbortSignal (Ctrl-C) stops it at once.
 */
import { ModelDownloadError, type DownloadProgress } from './download-file.js';
import { cachedModelPath, pullModel } from './model-cache.js';
import { ModelSetupError } from './types.js';

export type { DownloadProgress } from './download-file.js';

export const DEFAULT_MODEL_URI = 'hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf';

/** The default model's URI: SYNTHKIT_DEFAULT_MODEL_URI (tests, mirrors), else DEFAULT_MODEL_URI. */
export function defaultModelUri(env: NodeJS.ProcessEnv = process.env): string {
  return env.SYNTHKIT_DEFAULT_MODEL_URI || DEFAULT_MODEL_URI;
}

/** The three ways to give a local model, and the command that fetches the default ahead of time. */
export const LOCAL_MODEL_HINT =
  'Give synthkit a GGUF instruct model in one of three ways: set models.<name>.path in the recipe, set SYNTHKIT_LOCAL_MODEL=/path/to/model.gguf, or pass --local-model /path/to/model.gguf. ' +
  'Where a network is available, `synthkit models pull` downloads the default model (about 1.1 GB) once.';

export interface ResolveLocalModelOptions {
  onDownloadProgress?: (progress: DownloadProgress) => void;
  /** Stops a download at once (Ctrl-C); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Default the cache directory of defaultCacheDir(). */
  cacheDir?: string;
  /** Limits of download-file.ts, for tests. */
  connectTimeoutMs?: number;
  stallTimeoutMs?: number;
}

export async function resolveLocalModelPath(
  configuredPath: string | undefined,
  // A bare function is the progress callback (the form callers used before options existed).
  options: ResolveLocalModelOptions | ((progress: DownloadProgress) => void) = {},
): Promise<string> {
  const opts: ResolveLocalModelOptions = typeof options === 'function' ? { onDownloadProgress: options } : options;
  const path = configuredPath ?? process.env.SYNTHKIT_LOCAL_MODEL;
  if (path) return path;
  const uri = defaultModelUri();
  // Found in the cache index: no network at all, not even a request to check.
  const cached = cachedModelPath(uri, opts);
  if (cached) return cached;
  try {
    return await pullModel(uri, {
      cacheDir: opts.cacheDir,
      signal: opts.signal,
      onProgress: opts.onDownloadProgress,
      connectTimeoutMs: opts.connectTimeoutMs,
      stallTimeoutMs: opts.stallTimeoutMs,
    });
  } catch (error) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    const why = error instanceof ModelDownloadError || error instanceof ModelSetupError ? error.message : `${(error as Error).message}`.split('\n')[0];
    const sentence = /[.?!]$/.test(why) ? why : `${why}.`;
    throw new ModelSetupError(`no local model file given, and the default model could not be downloaded from ${uri}: ${sentence} ${LOCAL_MODEL_HINT}`, {
      cause: error,
    });
  }
}
