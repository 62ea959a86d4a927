import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/paths.js';
import { makeRun, qaRecords } from '../support/export-fixtures.js';

// Each CLI start costs seconds on a loaded machine: two calls here, the rest is tested through the library.
const config = `formats: [trl-conversational, openai-chat]
mapping: { user: question, assistant: answer, label: category }
split: { ratios: { train: 0.75, validation: 0.25 }, stratify_by: category }
`;

describe('synthkit export (CLI)', () => {
  it('exports with a config file and reports per format and split; a missing mapping field is one line and exit 1', async () => {
    const run = makeRun({ records: qaRecords(16) });
    const file = join(tempDir(), 'export.yaml');
    writeFileSync(file, config);
    const r = await runCli(['export', run, '--with', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('exported 16 of 16 records');
    expect(r.stdout).toMatch(/trl-conversational: train 12, validation 4/);
    expect(existsSync(join(run, 'export', 'openai-chat', 'validation.jsonl'))).toBe(true);

    writeFileSync(file, config.replace('assistant: answer', 'assistant: reply'));
    const bad = await runCli(['export', run, '--with', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^synthkit: record 0: the mapping's assistant field 'reply' is not in the record .*fix mapping.assistant\n$/);
  }, 30_000);
});
