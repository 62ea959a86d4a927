import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { formatPreview, wrapLines } from '../../src/cli/preview-command.js';
import { runCli } from '../support/run-cli.js';
import { STORIES_MODEL, tempDir } from '../support/paths.js';

const record = (over: Record<string, unknown> = {}) => ({
  _id: 0,
  service: 'payments',
  persona: { age_band: '25-34', region: 'East', languages: ['English', 'Malay'] },
  feedback: 'The bill payment page is clear and quick. '.repeat(6).trim(),
  triage: null,
  _valid: true,
  _errors: '',
  ...over,
});

describe('formatPreview', () => {
  it('prints one box per record with every line fitted to the width', () => {
    const text = formatPreview([record(), record({ _id: 1, service: 'vaccination' })], { width: 80 });
    expect(text).toContain('record 1 of 2 (_id 0, valid)');
    expect(text).toContain('record 2 of 2 (_id 1, valid)');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    // Long text is wrapped, not cut: every word is still there.
    const feedback = text
      .split('\n')
      .filter((l) => l.startsWith('│'))
      .join(' ');
    expect(feedback.match(/quick\./g)).toHaveLength(12); // 6 in each of the 2 records
    // Objects as key: value lines, lists joined.
    expect(text).toContain('age_band: 25-34');
    expect(text).toContain('languages: English, Malay');
    expect(text).toContain('(empty)');
    expect(text.trim().split('\n').at(-1)).toBe('2 records, 0 flagged');
  });

  it('marks flagged cells with ! and shows their errors under the value', () => {
    const text = formatPreview(
      [record({ _valid: false, _errors: 'triage: the JSON does not match the schema: /summary must be string; feedback: the reply was empty' })],
      { width: 100 },
    );
    expect(text).toContain('(_id 0, flagged)');
    expect(text).toMatch(/│ ! triage +│ \(empty\)/);
    expect(text).toContain('error: the JSON does not match the schema: /summary must be string');
    expect(text).toMatch(/│ ! feedback +│/);
    expect(text).toContain('error: the reply was empty');
    expect(text).not.toMatch(/│ ! service/);
    expect(text).toContain('1 record, 1 flagged (cells marked !)');
  });

  it('keeps control sequences from model output away from the terminal', () => {
    const text = formatPreview([record({ feedback: 'red \u001b[31mtext\u001b[0m and a bell\u0007' })]);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});

describe('wrapLines', () => {
  it('wraps at words, keeps line breaks and indentation, and cuts words longer than a line', () => {
    expect(wrapLines('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapLines('a\n  b c', 10)).toEqual(['a', '  b c']);
    expect(wrapLines('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    expect(wrapLines('', 10)).toEqual(['']);
  });
});

describe('synthkit preview (CLI)', () => {
  const env = () => ({ SYNTHKIT_CACHE_DIR: tempDir() });
  const leftovers = () => readdirSync(tmpdir()).filter((n) => n.startsWith('synthkit-preview-')).length;

  it('generates a few records as JSON without leaving a run directory', async () => {
    const before = leftovers();
    const r = await runCli(['preview', 'examples/healthhub-feedback.yaml', '--records', '2', '--local-model', STORIES_MODEL, '--json', '--quiet'], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const records = JSON.parse(r.stdout);
    expect(records).toHaveLength(2);
    expect(Object.keys(records[0])).toEqual(expect.arrayContaining(['_id', 'service', 'feedback', 'triage', '_valid', '_errors']));
    expect(leftovers()).toBe(before);
  });

  it('prints tables by default, five records unless told', async () => {
    const r = await runCli(['preview', 'examples/healthhub-feedback.yaml', '--local-model', STORIES_MODEL, '--quiet'], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('record 5 of 5');
    expect(r.stdout).toMatch(/│ feedback +│/);
  });

  it('reports a broken recipe as one clear error', async () => {
    const r = await runCli(['preview', 'examples/no-such-recipe.yaml'], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^synthkit: invalid recipe examples\/no-such-recipe\.yaml/);
    expect(r.stderr).toContain('cannot read the recipe (ENOENT)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('display widths', () => {
  it('counts wide characters as two columns and combining marks as none, so borders line up', async () => {
    const { displayWidth } = await import('../../src/cli/preview-command.js');
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('新加坡')).toBe(6);
    expect(displayWidth('சிங்கப்பூர்')).toBeLessThan('சிங்கப்பூர்'.length);
    const text = formatPreview([record({ feedback: `应用很好用。${'预约挂号非常方便'.repeat(12)} and some English words at the end` })], { width: 70 });
    const rows = text.split('\n').filter((l) => l.startsWith('│') || l.startsWith('┌') || l.startsWith('└'));
    for (const row of rows) expect(displayWidth(row)).toBe(70);
    expect(wrapLines('新加坡新加坡', 5)).toEqual(['新加', '坡新', '加坡']);
  });
});
