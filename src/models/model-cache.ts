/**
 * The models folder of the cache directory (<cache dir>/models): downloaded GGUF files and an
 * index, downloaded.json, mapping each URI to the file it was saved as. The index is what lets a
 * later run find the model with no network at all (not even a request to check it).
 */
import { type Dirent, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCacheDir } from '../core/cache-dir.js';
import { writeFileAtomic } from '../core/write-atomic.js';
import { downloadFile, type DownloadProgress } from './download-file.js';
import { resolveModelUri } from './model-uri.js';

export interface ModelCacheOptions {
  /** The cache directory (models go in its `models` folder). Default defaultCacheDir(). */
  cacheDir?: string;
}

export interface PullOptions extends ModelCacheOptions {
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** See download-file.ts. */
  connectTimeoutMs?: number;
  stallTimeoutMs?: number;
}

export interface CachedModel {
  path: string;
  bytes: number;
  /** The URI it was downloaded from, when the index knows it. */
  uri?: string;
  /** A `.partial` file: an interrupted download that the next pull resumes. */
  partial: boolean;
}

export function modelsDir(options: ModelCacheOptions = {}): string {
  return join(options.cacheDir ?? defaultCacheDir(), 'models');
}

/** The file an earlier download of `uri` saved, if it is still there. */
export function cachedModelPath(uri: string, options: ModelCacheOptions = {}): string | undefined {
  const known = readIndex(modelsDir(options))[uri];
  return known && existsSync(known) ? known : undefined;
}

/** Downloads `uri` into the models folder (resuming a partial download) unless it is there already; returns the file's path. */
export async function pullModel(uri: string, options: PullOptions = {}): Promise<string> {
  const cached = cachedModelPath(uri, options);
  if (cached) return cached;
  const source = resolveModelUri(uri);
  const dir = modelsDir(options);
  mkdirSync(dir, { recursive: true });
  const dest = join(dir, source.fileName);
  await downloadFile({
    url: source.url,
    dest,
    headers: source.headers,
    signal: options.signal,
    connectTimeoutMs: options.connectTimeoutMs,
    stallTimeoutMs: options.stallTimeoutMs,
    onProgress: options.onProgress,
  });
  // Re-read: another process may have recorded a download meanwhile.
  await writeFileAtomic(join(dir, INDEX), JSON.stringify({ ...readIndex(dir), [uri]: dest }, null, 2));
  return dest;
}

/** The model files in the cache, with the URI each came from where known. */
export function listCachedModels(options: ModelCacheOptions = {}): CachedModel[] {
  const dir = modelsDir(options);
  if (!existsSync(dir)) return [];
  const uriOf = new Map(Object.entries(readIndex(dir)).map(([uri, path]) => [path, uri]));
  const out: CachedModel[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.gguf') && !name.endsWith('.gguf.partial')) continue;
    const path = join(dir, name);
    const partial = name.endsWith('.partial');
    const uri = uriOf.get(partial ? path.slice(0, -'.partial'.length) : path);
    out.push({ path, bytes: statSync(path).size, uri: partial ? undefined : uri, partial });
  }
  return out;
}

/** Bytes under `dir`, recursively (for `synthkit doctor`). Unreadable entries count as 0. */
export function folderBytes(dir: string): number {
  let total = 0;
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    try {
      total += entry.isDirectory() ? folderBytes(path) : entry.isFile() ? statSync(path).size : 0;
    } catch {
      // Removed while we counted.
    }
  }
  return total;
}

const INDEX = 'downloaded.json';

function readIndex(dir: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(join(dir, INDEX), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}
