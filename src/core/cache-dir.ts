import { homedir } from 'node:os';
import { join } from 'node:path';

/** The per-user cache folder: SYNTHKIT_CACHE_DIR, else $XDG_CACHE_HOME/synthkit, else ~/.cache/synthkit. */
export function defaultCacheDir(): string {
  return process.env.SYNTHKIT_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'synthkit');
}
