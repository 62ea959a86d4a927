import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { STORIES_MODEL, tempDir } from '../support/paths.js';

function recipe(models: string): string {
  const file = join(tempDir(), 'r.yaml');
  writeFileSync(file, `records: 2\nmodels:\n${models}\ncolumns:\n  - { name: t, kind: llm-text, model: m, prompt: hello }\n`);
  return file;
}

describe('synthkit validate (CLI): model availability', () => {
  const env = { SYNTHKIT_CACHE_DIR: tempDir(), SYNTHKIT_LOCAL_MODEL: '', SYNTHKIT_TEST_NO_SUCH_KEY: '' };

  it('says where a local model comes from when it is there', async () => {
    const r = await runCli(['validate', recipe(`  m: { engine: local, path: ${STORIES_MODEL} }`), '--strict'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`model 'm' (local): model file ${STORIES_MODEL}`);
    expect(r.stderr).toBe('');
    const fromEnv = await runCli(['validate', recipe('  m: { engine: local }'), '--strict'], { ...env, SYNTHKIT_LOCAL_MODEL: STORIES_MODEL });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stdout).toContain('(from SYNTHKIT_LOCAL_MODEL)');
  });

  it('warns about a missing model file, a default model not yet downloaded and a missing key, exiting 0 unless --strict', async () => {
    const cases: [string, RegExp][] = [
      ['  m: { engine: local, path: /nope/model.gguf }', /warning: model 'm' \(local\): model file not found: \/nope\/model\.gguf/],
      ['  m: { engine: local }', /warning: model 'm' \(local\): no model file given and the default model is not downloaded yet/],
      [
        '  m: { engine: openai, model: gpt-4o-mini, api_key_env: SYNTHKIT_TEST_NO_SUCH_KEY }',
        /warning: model 'm' \(openai\): the environment variable SYNTHKIT_TEST_NO_SUCH_KEY is not set/,
      ],
    ];
    for (const [models, warning] of cases) {
      const file = recipe(models);
      const lenient = await runCli(['validate', file], env);
      expect(lenient.code).toBe(0);
      expect(lenient.stdout).toContain(': valid;');
      expect(lenient.stderr).toMatch(warning);
      const strict = await runCli(['validate', file, '--strict'], env);
      expect(strict.code).toBe(1);
      expect(strict.stderr).toMatch(warning);
    }
  });

  it('finds a remote key that is set', async () => {
    const r = await runCli(['validate', recipe('  m: { engine: anthropic, model: claude-3-5-haiku-latest, api_key_env: SYNTHKIT_TEST_KEY }'), '--strict'], {
      ...env,
      SYNTHKIT_TEST_KEY: 'x',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("model 'm' (anthropic): claude-3-5-haiku-latest; API key from SYNTHKIT_TEST_KEY");
    expect(r.stdout).not.toContain('x\n');
  });
});

describe('synthkit ingest (CLI): missing paths', () => {
  it('fails with a clear message and a non-zero exit, creating nothing', async () => {
    const dir = tempDir();
    const missing = join(dir, 'docs-typo');
    const r = await runCli(['ingest', missing, '--kb', join(dir, 'kb')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`synthkit: cannot ingest ${missing}: no such file or folder. Nothing was ingested; check the path.\n`);
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(dir, 'kb'))).toBe(false);
  });

  it('also fails when only one of several paths is missing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.md'), '# A\n\nSome text.\n');
    const r = await runCli(['ingest', join(dir, 'a.md'), join(dir, 'b.md'), '--kb', join(dir, 'kb')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'b.md')}: no such file or folder`);
  });
});

describe('checkModels', () => {
  it('checks the models the curate and evaluate sections use too, and only the used ones', async () => {
    const { checkModels } = await import('../../src/cli/validate-command.js');
    const { parseRecipeYaml } = await import('../../src/pipeline/load-pipeline-recipe.js');
    const plan = parseRecipeYaml(`records: 2
models:
  writer: { engine: local, path: ${STORIES_MODEL} }
  unused: { engine: openai, model: gpt-4o-mini, api_key_env: SYNTHKIT_TEST_UNUSED }
columns:
  - { name: t, kind: llm-text, model: writer, prompt: hello }
curate:
  models:
    j: { engine: anthropic, model: claude-3-5-haiku-latest, api_key_env: SYNTHKIT_TEST_JUDGE_KEY }
  text_field: t
  stages:
    - stage: judge
      model: j
      rubric: { criteria: helpful, scale: [1, 2, 3], levels: { "1": bad, "3": good } }
`);
    const checks = checkModels(plan, { SYNTHKIT_TEST_JUDGE_KEY: '' });
    expect(checks.map((c) => [c.model, c.ok])).toEqual([
      ['writer', true],
      ['j', false],
    ]);
    expect(checks[1].message).toContain('SYNTHKIT_TEST_JUDGE_KEY is not set');
  });
});
