/**
 * The local engine's cache identity is the model file's content, not its path: another GGUF
 * copied to the same path must not be answered from the first one's cached replies. The hash is
 * memoised by path, size, mtime and inode, so an unchanged 1 GB file is not read on every run.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalEngine } from '../../src/models/local-engine.js';
import { modelFileIdentity } from '../../src/models/model-file-identity.js';
import { RANDOM_MODEL, STORIES_MODEL, tempDir } from '../support/paths.js';

// From test/fixtures/models/README.md.
const STORIES_SHA256 = '3c4a7c3a8313e00ae6a6b64df717828f4ba18391ea31ffb01abe9a2c4f7bb9a9';
const RANDOM_SHA256 = '81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb';

describe('local model identity', () => {
  it('changes the engine id when another model file replaces the one at the same path', async () => {
    const cacheDir = tempDir();
    const path = join(tempDir(), 'model.gguf');
    copyFileSync(STORIES_MODEL, path);
    const first = await createLocalEngine({ modelPath: path, threads: 1, cacheDir });
    await first.close?.();
    copyFileSync(RANDOM_MODEL, path);
    const second = await createLocalEngine({ modelPath: path, threads: 1, cacheDir });
    await second.close?.();
    expect(first.id).toBe(`local:sha256:${STORIES_SHA256}`);
    expect(second.id).toBe(`local:sha256:${RANDOM_SHA256}`);
  });

  it('keeps the id when the same model is found at another path', async () => {
    const cacheDir = tempDir();
    const path = join(tempDir(), 'renamed.gguf');
    copyFileSync(STORIES_MODEL, path);
    expect(await modelFileIdentity(path, { cacheDir })).toBe(await modelFileIdentity(STORIES_MODEL, { cacheDir }));
  });

  it('answers an unchanged file from the memo, and hashes again when the file changes', async () => {
    const cacheDir = tempDir();
    const path = join(tempDir(), 'model.gguf');
    copyFileSync(STORIES_MODEL, path);
    expect(await modelFileIdentity(path, { cacheDir })).toBe(`sha256:${STORIES_SHA256}`);
    // Doctor the memo: an answer from it (no re-hash) now shows up as the planted value.
    const memoFile = join(cacheDir, 'model-ids.json');
    const memo = JSON.parse(readFileSync(memoFile, 'utf8'));
    const key = Object.keys(memo)[0];
    memo[key].sha256 = 'planted';
    writeFileSync(memoFile, JSON.stringify(memo));
    expect(await modelFileIdentity(path, { cacheDir })).toBe('sha256:planted');
    // A new file at the path (new inode, size and mtime) is hashed again.
    copyFileSync(RANDOM_MODEL, `${path}.new`);
    copyFileSync(`${path}.new`, path);
    expect(await modelFileIdentity(path, { cacheDir })).toBe(`sha256:${RANDOM_SHA256}`);
  });
});
