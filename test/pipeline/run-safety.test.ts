/**
 * A run is safe by default: failed calls fail the exit code and are retried by resume, a run
 * directory has one writer, a budget stops a run before it is passed, overrides do not make a
 * run "another recipe", and Ctrl-C/SIGTERM stop any phase within about a second.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generate, resume } from '../../src/pipeline/run-pipeline.js';
import { parseRecipeYaml } from '../../src/pipeline/load-pipeline-recipe.js';
import { RunLockedError, lockRunDir } from '../../src/store/run-lock.js';
import { BudgetExceededError } from '../../src/models/model-runner.js';
import { startMockLlmServer, type MockLlmServer } from '../support/mock-llm-server.js';
import { runCli, startCli } from '../support/run-cli.js';
import { tempDir } from '../support/paths.js';

let server: MockLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const recipe = (url: string, extra = '') => `records: 4
models:
  m: { engine: openai-compatible, model: x, base_url: "${url}/v1", max_retries: 0${extra} }
columns:
  - { name: topic, kind: category, values: [fees, queues, parking, noise] }
  - { name: text, kind: llm-text, model: m, prompt: "Write a complaint about {{ topic }}." }
`;

function writeRecipe(text: string): string {
  const file = join(tempDir(), 'recipe.yaml');
  writeFileSync(file, text);
  return file;
}

describe('failed model calls', () => {
  it('exit with a distinct code naming the column, and resume retries only those cells once the server is back', async () => {
    server = await startMockLlmServer();
    server.enqueue(...Array.from({ length: 4 }, () => ({ status: 500, errorMessage: 'upstream down' })));
    const out = join(tempDir(), 'run');
    const file = writeRecipe(recipe(server.url));
    const first = await runCli(['generate', file, '--out', out, '--no-cache', '-q']);
    expect(first.code, first.stderr).toBe(4);
    expect(first.stderr).toMatch(/text: 4 cell\(s\) call_failed/);
    expect(first.stderr).toContain(`synthkit resume ${out}`);
    expect(server.requests).toHaveLength(4);

    const second = await runCli(['resume', out, '--no-cache', '-q']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/4 valid/);
    expect(server.requests).toHaveLength(8);
  });

  it('a cell whose input failed is flagged and never sent', async () => {
    server = await startMockLlmServer();
    server.enqueue({ status: 500, errorMessage: 'down' });
    const text = `records: 1
models:
  m: { engine: openai-compatible, model: x, base_url: "${server.url}/v1", max_retries: 0 }
columns:
  - { name: draft, kind: llm-text, model: m, prompt: "Write a complaint." }
  - { name: polished, kind: llm-text, model: m, prompt: "Polish: {{ draft }}" }
`;
    const summary = await generate(parseRecipeYaml(text), { out: join(tempDir(), 'run'), cache: false });
    expect(server.requests).toHaveLength(1);
    expect(summary.valid).toBe(0);
    expect(summary.failures?.map((f) => [f.column, f.reason])).toEqual(
      expect.arrayContaining([
        ['draft', 'call_failed'],
        ['polished', 'input_failed'],
      ]),
    );
  });
});

describe('one writer per run directory', () => {
  it('refuses a second writer with a clear error, and takes over a lock left by a dead process', async () => {
    server = await startMockLlmServer();
    const out = join(tempDir(), 'run');
    mkdirSync(out, { recursive: true });
    const unlock = lockRunDir(out);
    await expect(generate(parseRecipeYaml(recipe(server.url)), { out, cache: false })).rejects.toThrow(RunLockedError);
    await expect(generate(parseRecipeYaml(recipe(server.url)), { out, cache: false })).rejects.toThrow(/in use by another synthkit process \(pid \d+/);
    expect(server.requests).toHaveLength(0);
    unlock();
    // A lock file whose owner is gone (kill -9) does not block the next run.
    writeFileSync(join(out, 'run.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: '' }));
    const summary = await generate(parseRecipeYaml(recipe(server.url)), { out, cache: false });
    expect(summary.valid).toBe(4);
  });
});

describe('max_cost', () => {
  it('stops before the budget is passed, and resume with a larger budget finishes without paying twice', async () => {
    server = await startMockLlmServer();
    const priced = recipe(server.url, ', price: { input_per_million: 1000, output_per_million: 1000 }, max_tokens: 20');
    const out = join(tempDir(), 'run');
    // One call's worst case is about (prompt/3 + 20 tokens) x $0.001: roughly $0.03; allow about two.
    await expect(generate(parseRecipeYaml(priced), { out, cache: false, maxCost: 0.07 })).rejects.toThrow(BudgetExceededError);
    const paid = server.requests.length;
    expect(paid).toBeGreaterThan(0);
    expect(paid).toBeLessThan(4);
    const summary = await resume(out, { cache: false, maxCost: 10 });
    expect(summary.valid).toBe(4);
    expect(server.requests.length).toBe(4);
    expect(summary.cost).toBeLessThanOrEqual(10);
  });
});

describe('max_cost without a price', () => {
  it('is refused before any call, naming the model to price', async () => {
    server = await startMockLlmServer();
    await expect(generate(parseRecipeYaml(recipe(server.url)), { out: join(tempDir(), 'run'), cache: false, maxCost: 1 })).rejects.toThrow(
      /max_cost needs a price for 'm'/,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('overrides', () => {
  it('a run can be continued with another record count without being called a different recipe', async () => {
    server = await startMockLlmServer();
    const out = join(tempDir(), 'run');
    const plan = parseRecipeYaml(recipe(server.url));
    expect((await generate(plan, { out, cache: false, records: 2 })).records).toBe(2);
    expect((await generate(plan, { out, cache: false, records: 4 })).records).toBe(4);
    expect(server.requests).toHaveLength(4);
    expect((await resume(out, { cache: false })).records).toBe(4);
  });
});

describe('stopping', () => {
  it('SIGTERM during a model wait stops the process within about a second', async () => {
    server = await startMockLlmServer();
    server.enqueue(...Array.from({ length: 8 }, () => ({ delayMs: 30_000 })));
    const out = join(tempDir(), 'run');
    const { child, done } = startCli(['generate', writeRecipe(recipe(server.url)), '--out', out, '--no-cache', '-q']);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 50));
    const sent = performance.now();
    child.kill('SIGTERM');
    const result = await done;
    expect(performance.now() - sent).toBeLessThan(2500);
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toContain(`synthkit resume ${out}`);
  });
});
