import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../core/write-atomic.js';
import type { RedactionMapEntry } from './redactor.js';

/**
 * Where a run keeps what must not leave it: the key fakes are drawn with and the map from real to
 * fake values, under `<dir>/private/` (owner-only permissions). Nothing here is written to the
 * dataset files; exporters copy dataset files, not this folder.
 */
export const PRIVATE_DIR = 'private';
export const REDACTION_KEY_FILE = 'redaction.key';
export const REDACTION_MAP_FILE = 'redaction-map.jsonl';

export interface RedactionVault {
  key: Buffer;
  mapFile: string;
  /** Merges `entries` into the stored map (counts add up) and writes it atomically. */
  saveMap(entries: readonly RedactionMapEntry[]): Promise<void>;
}

export function openRedactionVault(dir: string): RedactionVault {
  const privateDir = join(dir, PRIVATE_DIR);
  mkdirSync(privateDir, { recursive: true, mode: 0o700 });
  const keyFile = join(privateDir, REDACTION_KEY_FILE);
  // The key outlives one command, so a re-run or a second file in the same run gets the same fakes.
  if (!existsSync(keyFile)) {
    const fresh = randomBytes(32).toString('hex');
    writeKey(keyFile, fresh);
  }
  const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex');
  const mapFile = join(privateDir, REDACTION_MAP_FILE);
  return {
    key,
    mapFile,
    async saveMap(entries) {
      const merged = new Map<string, RedactionMapEntry>();
      const keyOf = (e: RedactionMapEntry) => `${e.type}\0${e.value}`;
      if (existsSync(mapFile)) {
        for (const line of readFileSync(mapFile, 'utf8').split('\n')) if (line.trim()) merged.set(keyOf(JSON.parse(line)), JSON.parse(line));
      }
      for (const entry of entries) {
        const before = merged.get(keyOf(entry));
        merged.set(keyOf(entry), before ? { ...entry, count: before.count + entry.count } : { ...entry });
      }
      await writeFileAtomic(mapFile, [...merged.values()].map((e) => `${JSON.stringify(e)}\n`).join(''));
      chmodSync(mapFile, 0o600);
    },
  };
}

function writeKey(file: string, hex: string): void {
  // Synchronous and exclusive: two stages opening the vault at once must not write two keys.
  try {
    writeFileSync(file, `${hex}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
