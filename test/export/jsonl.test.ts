import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJsonl } from '../../src/export/jsonl.js';
import { tempDir } from '../support/paths.js';

describe('writeJsonl', () => {
  it('round-trips records, one object per line with \\n endings', async () => {
    const path = join(tempDir(), 'd.jsonl');
    const records = [
      { id: 1, text: 'line one\nline two', tags: ['a', 'b'], nested: { ok: true, score: 0.5 } },
      { id: 2, text: 'emoji 🙂 and "quotes", commas', tags: [], nested: null },
      { id: 3, text: 'carriage\r\nreturn\u2028separator' },
    ];
    await writeJsonl(path, records);
    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toContain('\r\n');
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => JSON.parse(l))).toEqual(records);
  });

  it('accepts any iterable and writes an empty file for no records', async () => {
    const dir = tempDir();
    function* gen() {
      yield { a: 1 };
      yield { a: 2 };
    }
    await writeJsonl(join(dir, 'g.jsonl'), gen());
    expect(readFileSync(join(dir, 'g.jsonl'), 'utf8')).toBe('{"a":1}\n{"a":2}\n');
    await writeJsonl(join(dir, 'e.jsonl'), []);
    expect(readFileSync(join(dir, 'e.jsonl'), 'utf8')).toBe('');
  });
});
