/**
 * The content identity of a model file: the SHA-256 of its bytes, the hash Hugging Face lists
 * for every LFS file, so an identity can be checked against the model's page.
 *
 * Why content, not the path: the local engine's id is part of every cache key, and it used to be
 * the file's path, so a different GGUF copied over the same path was answered from the old
 * model's cached replies.
 *
 * Why memoised: hashing reads the whole file. Measured on this machine (2 shared cores) for a
 * 1 GiB file: 1.4 s with the file in the page cache, 2.7 s after dropping it (a bare SHA-256 loop
 * 0.9 s, xxh64 0.46 s, reading alone 0.49 s: the hash is not the bottleneck from a cold disk). So
 * the hash is kept in <cache dir>/model-ids.json, keyed by the resolved path and checked against
 * size, mtime and inode: a copy, rename-over or in-place rewrite changes one of them, and then the
 * file is hashed again. A memo hit (a stat and a small JSON read) took 0.1 ms.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defaultCacheDir } from '../core/cache-dir.js';
import { writeFileAtomic } from '../core/write-atomic.js';

interface MemoEntry {
  size: number;
  mtimeMs: number;
  ino: number;
  sha256: string;
}

export interface ModelFileIdentityOptions {
  /** Where the memo file lives. Default defaultCacheDir(). */
  cacheDir?: string;
}

/** `sha256:<hex>` of the file's bytes, from the memo when the file has not changed since it was hashed. */
export async function modelFileIdentity(path: string, options: ModelFileIdentityOptions = {}): Promise<string> {
  const file = resolve(path);
  const memoFile = join(options.cacheDir ?? defaultCacheDir(), 'model-ids.json');
  const stat = statSync(file);
  const memo = readMemo(memoFile);
  const known = memo[file];
  if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs && known.ino === stat.ino) return `sha256:${known.sha256}`;
  const sha256 = await hashFile(file);
  // Re-read before writing: another process may have added entries meanwhile. Entries of files
  // that are gone are dropped so the memo does not grow forever.
  const latest = readMemo(memoFile);
  for (const key of Object.keys(latest)) if (!existsSync(key)) delete latest[key];
  latest[file] = { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, sha256 };
  try {
    mkdirSync(dirname(memoFile), { recursive: true });
    await writeFileAtomic(memoFile, JSON.stringify(latest, null, 2));
  } catch {
    // A read-only cache only costs a re-hash next time.
  }
  return `sha256:${sha256}`;
}

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function readMemo(file: string): Record<string, MemoEntry> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, MemoEntry>) : {};
  } catch {
    return {};
  }
}
