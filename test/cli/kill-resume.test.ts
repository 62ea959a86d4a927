/**
 * Kill -9 the CLI in the middle of a run several times, resume each time, and compare the final
 * dataset with an uninterrupted run of the same recipe: nothing lost, nothing duplicated, and no
 * finished model call paid for twice.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/run-cli.js';
import { STORIES_MODEL, tempDir } from '../support/paths.js';

const RECORDS = 30;
const recipeYaml = `records: ${RECORDS}
seed: 5
models:
  tiny: { engine: local, path: ${STORIES_MODEL}, threads: 1, context_size: 512, max_tokens: 48, concurrency: 1 }
columns:
  - { name: animal, kind: category, values: [cat, dog, fox, owl] }
  - { name: story, kind: llm-text, model: tiny, prompt: "Once upon a time a {{ animal }} went to the park." }
  - name: card
    kind: llm-object
    model: tiny
    prompt: "Describe the {{ animal }}."
    schema: { type: object, properties: { name: { type: string, maxLength: 10 }, mood: { enum: [happy, sad] } }, required: [name, mood] }
`;

function recordsDone(dir: string): number {
  const file = join(dir, 'run.sqlite');
  if (!existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // tables not created yet
  }
}

function freshCalls(dir: string): number {
  const db = new Database(join(dir, 'run.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM calls WHERE cached = 0').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function killWhenDone(args: string[], env: Record<string, string>, dir: string, atLeast: number): Promise<void> {
  const { child, done } = startCli(args, env);
  const deadline = Date.now() + 60_000;
  while (recordsDone(dir) < atLeast && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGKILL');
  const result = await done;
  expect(result.signal, `the run finished before it could be killed:\n${result.stderr}`).toBe('SIGKILL');
}

describe('kill -9 and resume', () => {
  it('finishes with exactly the records of an uninterrupted run', async () => {
    const root = tempDir();
    const recipe = join(root, 'recipe.yaml');
    writeFileSync(recipe, recipeYaml);
    const env = { SYNTHKIT_CACHE_DIR: join(root, 'cache') };

    const reference = join(root, 'reference');
    const ref = await runCli(['generate', recipe, '--out', reference, '--no-cache', '-q'], env);
    expect(ref.code, ref.stderr).toBe(0);

    const dir = join(root, 'interrupted');
    await killWhenDone(['generate', recipe, '--out', dir, '--no-cache', '-q'], env, dir, 6);
    const afterFirstKill = recordsDone(dir);
    expect(afterFirstKill).toBeGreaterThan(0);
    expect(afterFirstKill).toBeLessThan(RECORDS);
    await killWhenDone(['resume', dir, '-q'], env, dir, afterFirstKill + 6);
    await killWhenDone(['resume', dir, '-q'], env, dir, recordsDone(dir) + 6);
    const last = await runCli(['resume', dir, '-q'], env);
    expect(last.code, last.stderr).toBe(0);

    const expected = readFileSync(join(reference, 'dataset.jsonl'), 'utf8');
    const actual = readFileSync(join(dir, 'dataset.jsonl'), 'utf8');
    expect(actual.trim().split('\n')).toHaveLength(RECORDS);
    expect(actual).toBe(expected);
    // A call is recorded only once its reply is stored, and a stored reply is never bought again.
    expect(freshCalls(dir)).toBe(freshCalls(reference));
  });

  it('Ctrl-C stops gracefully with exit 130 and a resume hint, and resume completes the run', async () => {
    const root = tempDir();
    const recipe = join(root, 'recipe.yaml');
    writeFileSync(recipe, recipeYaml);
    const env = { SYNTHKIT_CACHE_DIR: join(root, 'cache') };
    const dir = join(root, 'run');
    const { child, done } = startCli(['generate', recipe, '--out', dir, '--no-cache', '-q'], env);
    while (recordsDone(dir) < 4 && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    const stopped = await done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain(`synthkit resume ${dir}`);
    const finished = await runCli(['resume', dir, '-q'], env);
    expect(finished.code, finished.stderr).toBe(0);
    const ids = readFileSync(join(dir, 'dataset.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)._id);
    expect(ids).toEqual([...Array(RECORDS).keys()]);
  });
});
