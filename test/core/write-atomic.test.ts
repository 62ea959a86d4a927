import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAtomicWriter, writeFileAtomic } from '../../src/core/write-atomic.js';
import { writeJsonl } from '../../src/export/jsonl.js';
import { tempDir } from '../support/paths.js';

describe('writeFileAtomic', () => {
  it('writes strings and bytes, replaces an existing file, and leaves no temp file', async () => {
    const dir = tempDir();
    const target = join(dir, 'out.txt');
    writeFileSync(target, 'old');
    await writeFileAtomic(target, 'héllo\n');
    expect(readFileSync(target, 'utf8')).toBe('héllo\n');
    await writeFileAtomic(target, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(target)]).toEqual([1, 2, 3]);
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  it('removes its temp file when the rename fails', async () => {
    const dir = tempDir();
    const target = join(dir, 'taken');
    mkdirSync(target); // renaming a file over a directory fails
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('rejects when the directory does not exist', async () => {
    const dir = tempDir();
    await expect(writeFileAtomic(join(dir, 'missing', 'x.txt'), 'data')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('createAtomicWriter', () => {
  it('shows nothing at the target until close, then the chunks in order', async () => {
    const dir = tempDir();
    const target = join(dir, 'big.txt');
    const writer = createAtomicWriter(target);
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const line = `line ${i} ${'x'.repeat(i % 17)}\n`; // ~300 KiB: several batched flushes
      lines.push(line);
      await writer.write(line);
    }
    expect(existsSync(target)).toBe(false);
    await writer.close();
    expect(readFileSync(target, 'utf8')).toBe(lines.join(''));
    expect(readdirSync(dir)).toEqual(['big.txt']);
    await expect(writer.write('more')).rejects.toThrow(/closed/);
  });

  it('abort leaves the old target intact and no temp file behind', async () => {
    const dir = tempDir();
    const target = join(dir, 'data.jsonl');
    writeFileSync(target, 'previous\n');
    const writer = createAtomicWriter(target);
    await writer.write('x'.repeat(200_000)); // past the batch size, so bytes reached the temp file
    expect(readdirSync(dir)).toHaveLength(2);
    await writer.abort();
    await writer.abort(); // idempotent
    expect(readFileSync(target, 'utf8')).toBe('previous\n');
    expect(readdirSync(dir)).toEqual(['data.jsonl']);
    await expect(writer.close()).rejects.toThrow(/aborted/);
  });

  it('a producer that throws midway leaves no partial target', async () => {
    const dir = tempDir();
    const target = join(dir, 'rows.jsonl');
    function* rows() {
      for (let i = 0; i < 5000; i++) yield { i, text: 'y'.repeat(50) };
      throw new Error('generator failed');
    }
    await expect(writeJsonl(target, rows())).rejects.toThrow('generator failed');
    expect(readdirSync(dir)).toEqual([]);
  });
});
