import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { STORIES_MODEL, tempDir } from '../support/paths.js';

const env = () => ({ SYNTHKIT_CACHE_DIR: tempDir() });
/** stderr without the plain progress lines a non-terminal run prints. */
const messages = (stderr: string) =>
  stderr
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('records '));

describe('synthkit generate (CLI)', () => {
  it('runs the example recipe on a local GGUF and writes JSONL, CSV, Parquet and the resolved recipe', async () => {
    const out = join(tempDir(), 'run');
    const r = await runCli(['generate', 'examples/healthhub-feedback.yaml', '--out', out, '--records', '5', '--local-model', STORIES_MODEL], env());
    expect(r.stderr).toContain('records: 5 of 5 requested');
    expect(r.code).toBe(0);
    const lines = readFileSync(join(out, 'dataset.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5);
    const first = JSON.parse(lines[0]);
    expect(Object.keys(first)).toEqual([
      '_id',
      'service',
      'feature',
      'sentiment',
      'length',
      'persona',
      'submitted_on',
      'feedback',
      'triage',
      '_valid',
      '_errors',
    ]);
    expect(readFileSync(join(out, 'dataset.csv'), 'utf8').split('\n')[0]).toContain('_id,service,feature');
    const buf = readFileSync(join(out, 'dataset.parquet'));
    const rows = await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) });
    expect(rows).toHaveLength(5);
    const resolved = JSON.parse(readFileSync(join(out, 'recipe.json'), 'utf8'));
    expect(resolved.records).toBe(5);
    expect(resolved.models.writer.path).toBe(STORIES_MODEL);
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
  });

  it('rejects a broken recipe before any model call, naming file, line and field, without a stack trace', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'records: 3\ncolumns:\n  - name: a\n    kind: category\n    values: [x, y]\n    weights: [1, lots]\n');
    const r = await runCli(['generate', file, '--out', join(dir, 'run')], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:6:`);
    expect(r.stderr).toContain('columns[0].weights[1]: expected number, got string "lots"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'run', 'dataset.jsonl'))).toBe(false);
  });

  it('gives one clear line for a missing model file, a missing API key and an unreachable server', async () => {
    const dir = tempDir();
    const write = (name: string, models: string) => {
      const file = join(dir, name);
      writeFileSync(file, `records: 2\nmodels:\n${models}\ncolumns:\n  - { name: t, kind: llm-text, model: m, prompt: hello }\n`);
      return file;
    };
    const missingFile = await runCli(['generate', write('a.yaml', '  m: { engine: local, path: /nope/model.gguf }'), '--out', join(dir, 'a')], env());
    expect(missingFile.code).toBe(1);
    expect(messages(missingFile.stderr)).toHaveLength(1);
    expect(missingFile.stderr).toContain('model file not found: /nope/model.gguf');

    const noKey = await runCli(
      ['generate', write('b.yaml', '  m: { engine: openai, model: gpt-4o-mini, api_key_env: SYNTHKIT_TEST_NO_SUCH_KEY }'), '--out', join(dir, 'b')],
      env(),
    );
    expect(noKey.code).toBe(1);
    expect(messages(noKey.stderr)).toHaveLength(1);
    expect(noKey.stderr).toContain('set the environment variable SYNTHKIT_TEST_NO_SUCH_KEY');

    const unreachable = await runCli(
      ['generate', write('c.yaml', '  m: { engine: openai-compatible, model: x, base_url: "http://127.0.0.1:9/v1", max_retries: 0 }'), '--out', join(dir, 'c')],
      env(),
    );
    expect(unreachable.code).toBe(1);
    expect(messages(unreachable.stderr)).toHaveLength(1);
    expect(unreachable.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9\/v1/);
  });

  it('validate prints the column order without running anything', async () => {
    const r = await runCli(['validate', 'examples/healthhub-feedback.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('service -> feature -> sentiment');
  });
});
