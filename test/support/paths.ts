import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const STORIES_MODEL = join(ROOT, 'test/fixtures/models/stories260k.gguf');
export const RANDOM_MODEL = join(ROOT, 'test/fixtures/models/llama-2-tiny-random.gguf');
export const CLI = join(ROOT, 'bin/synthkit.js');

export function tempDir(prefix = 'synthkit-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
