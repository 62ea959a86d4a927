import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/synthkit.js');

describe('synthkit redact, mix and drift', () => {
  it('redacts a file, keeps the map private, mixes and tracks drift', () => {
    const dir = mkdtempSync(join(tmpdir(), 'redact-cli-'));
    const file = join(dir, 'feedback.jsonl');
    const rows = [
      { _id: 1, text: 'Call me on +44 20 7946 0958, I am Priya Raman.', _sources: [{ note: 'from +44 20 7946 0958' }] },
      { _id: 2, text: 'Invoice 6123 4567 was charged twice.' },
    ];
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
    const out = execFileSync(process.execPath, [BIN, 'redact', file], { encoding: 'utf8' });
    expect(out).toMatch(/redacted 1 of 2 records/);
    const redacted = readFileSync(join(dir, 'feedback.redacted', 'redacted.jsonl'), 'utf8');
    expect(redacted).not.toContain('7946 0958');
    expect(redacted).not.toContain('Priya Raman');
    expect(redacted).toContain('Invoice 6123 4567');
    expect(readFileSync(join(dir, 'feedback.redacted', 'private', 'redaction-map.jsonl'), 'utf8')).toContain('Priya Raman');

    const bad = spawnSync(process.execPath, [BIN, 'redact', file, '--min-confidence', '2'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--min-confidence must be a number from 0 to 1/);

    const mixed = join(dir, 'mixed.jsonl');
    execFileSync(process.execPath, [
      BIN,
      'mix',
      '--real',
      file,
      '--synthetic',
      join(dir, 'feedback.redacted', 'redacted.jsonl'),
      '--ratio',
      '0.5',
      '-o',
      mixed,
    ]);
    const lineages = readFileSync(mixed, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)._lineage.origin)
      .sort();
    expect(lineages).toEqual(['real', 'real', 'synthetic', 'synthetic']);

    const drift = spawnSync(process.execPath, [BIN, 'drift', file, mixed], { encoding: 'utf8' });
    expect(drift.stdout).toMatch(/generation 1: 4 records/);
  });
});
