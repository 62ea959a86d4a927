import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareEvaluations, formatComparison } from '../../src/evaluate/compare-evaluations.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { tempDir } from '../support/paths.js';

const write = (file: string, texts: string[]) => {
  writeFileSync(file, texts.map((text, i) => JSON.stringify({ _id: i, text })).join('\n') + '\n');
  return file;
};

describe('compare', () => {
  it('reads a metrics.json where there is one, evaluates otherwise, and lists deltas', async () => {
    const dir = tempDir();
    const a = write(join(dir, 'a.jsonl'), ['one two three four five', 'one two three four five']);
    const b = write(join(dir, 'b.jsonl'), ['one two three four five', 'six seven eight nine ten']);
    await evaluate(a, {}); // writes a.evaluation/metrics.json
    const out = join(dir, 'cmp');
    const result = await compareEvaluations(a, b, { out });
    const row = result.rows.find((r) => r.metric === 'diversity.text.distinct_1')!;
    expect(row).toEqual({ metric: 'diversity.text.distinct_1', a: 0.5, b: 1, delta: 0.5, better: 'higher' });
    expect(result.rows.find((r) => r.metric === 'diversity.text.duplicate_texts')).toMatchObject({ a: 1, b: 0, delta: -1 });
    expect(existsSync(join(dir, 'b.evaluation'))).toBe(false);
    const text = formatComparison(result.rows);
    expect(text.split('\n')[0]).toMatch(/^metric\s+a\s+b\s+delta$/);
    expect(text).toMatch(/diversity\.text\.distinct_1\s+0\.5000\s+1\s+\+0\.5000/);
    const html = readFileSync(join(out, 'compare.html'), 'utf8');
    expect(html).toContain('class="delta-up"');
    expect(html).not.toMatch(/<script/i);
  });
});
