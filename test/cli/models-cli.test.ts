/**
 * The first minute from the shell: with no model given and no reachable model host, the README's
 * generate command fails within 15 s naming the three ways to give a model; `models pull`
 * downloads (and Ctrl-C stops it at once), `models list` shows the cache, and `doctor` reports
 * what is present and fails when a recipe's needs are missing, never printing a key's value.
 */
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/run-cli.js';
import { STORIES_MODEL, tempDir } from '../support/paths.js';
import { startBlackhole, type Blackhole } from '../models/blackhole.js';

let server: http.Server;
let url = '';
let blackhole: Blackhole;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url !== '/models/tiny.gguf') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-length': statSync(STORIES_MODEL).size });
    createReadStream(STORIES_MODEL).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  blackhole = await startBlackhole();
});
afterAll(async () => {
  blackhole.close();
  await new Promise((r) => server.close(r));
});

/** A clean environment: no model configured, an empty cache. */
const bare = (extra: Record<string, string> = {}) => ({ SYNTHKIT_CACHE_DIR: tempDir(), SYNTHKIT_LOCAL_MODEL: '', ...extra });

function expectHowToGiveAModel(stderr: string) {
  expect(stderr).toContain('models.<name>.path');
  expect(stderr).toContain('SYNTHKIT_LOCAL_MODEL');
  expect(stderr).toContain('--local-model');
  expect(stderr).toContain('synthkit models pull');
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('synthkit generate without a model, offline', () => {
  it('fails within 15 s when the model host does not resolve', async () => {
    const started = performance.now();
    const r = await runCli(
      ['generate', 'examples/healthhub-feedback.yaml', '--out', join(tempDir(), 'run')],
      bare({ SYNTHKIT_DEFAULT_MODEL_URI: 'http://synthkit-model-host.invalid/m.gguf' }),
    );
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(r.code).toBe(1);
    expectHowToGiveAModel(r.stderr);
  });

  it('fails within 15 s when the model host never answers (blackholed)', async () => {
    const started = performance.now();
    const r = await runCli(
      ['generate', 'examples/healthhub-feedback.yaml', '--out', join(tempDir(), 'run')],
      bare({ SYNTHKIT_DEFAULT_MODEL_URI: `${blackhole.url}/m.gguf` }),
    );
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(r.code).toBe(1);
    expectHowToGiveAModel(r.stderr);
  });
});

describe('synthkit models', () => {
  it('pulls a model into the cache, then finds it there without a download, and lists it', async () => {
    const env = bare();
    const uri = `${url}/models/tiny.gguf`;
    const pulled = await runCli(['models', 'pull', uri], env);
    expect(pulled.code).toBe(0);
    const path = pulled.stdout.trim();
    expect(path.startsWith(join(env.SYNTHKIT_CACHE_DIR, 'models'))).toBe(true);
    expect(statSync(path).size).toBe(statSync(STORIES_MODEL).size);
    expect(pulled.stderr).toContain('downloaded 1.1 MB of 1.1 MB');

    const again = await runCli(['models', 'pull', uri], env);
    expect(again.stdout).toContain('already downloaded');

    const listed = await runCli(['models', 'list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(path);
    expect(listed.stdout).toContain(uri);
  });

  it('pulls the default model when no URI is given, failing fast and clearly when offline', async () => {
    const r = await runCli(['models', 'pull'], bare({ SYNTHKIT_DEFAULT_MODEL_URI: 'http://synthkit-model-host.invalid/m.gguf' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('host not found');
  });

  it('stops a pull at the first Ctrl-C, saying how to resume', async () => {
    const { child, done } = startCli(['models', 'pull', `${blackhole.url}/m.gguf`], bare());
    // Ctrl-C once the download has started (loading the CLI can take seconds on a busy machine).
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stderr!.on('data', (d) => {
        seen += d;
        if (seen.includes('downloading')) resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 300));
    const sentAt = performance.now();
    child.kill('SIGINT');
    const r = await done;
    expect(performance.now() - sentAt).toBeLessThan(1_000);
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('run the same command again to resume');
  });
});

describe('synthkit doctor', () => {
  it('reports what is present and passes for a recipe whose model is there', async () => {
    const r = await runCli(['doctor', 'examples/healthhub-feedback.yaml'], bare({ SYNTHKIT_LOCAL_MODEL: STORIES_MODEL }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok\s+node v\d+/m);
    expect(r.stdout).toMatch(/^ok\s+engine node-llama-cpp .*binary loaded; (CPU only|GPU)/m);
    expect(r.stdout).toMatch(/threads: .* runs on \d+/);
    expect(r.stdout).toContain(`SYNTHKIT_LOCAL_MODEL: ${STORIES_MODEL} (GGUF, 1.1 MB; would run on 1 thread)`);
    expect(r.stdout).toContain('cache dir ');
    expect(r.stdout).toMatch(/^ok\s+model 'writer' \(local\)/m);
  });

  it('fails for a recipe whose model is missing, and names key variables without their values', async () => {
    const dir = tempDir();
    const recipe = join(dir, 'remote.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      recipe,
      [
        'records: 1',
        'models:',
        '  gpt: { engine: openai, model: gpt-4o-mini, api_key_env: MY_TEAM_KEY }',
        `  unreachable: { engine: openai-compatible, model: x, base_url: "${blackhole.url}/v1" }`,
        'columns:',
        '  - { name: a, kind: llm-text, model: gpt, prompt: hi }',
        '  - { name: b, kind: llm-text, model: unreachable, prompt: hi }',
      ].join('\n'),
    );
    const r = await runCli(['doctor', recipe], bare({ OPENAI_API_KEY: 'sk-never-print-me' }));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('OPENAI_API_KEY set');
    expect(r.stdout).toContain('MY_TEAM_KEY not set');
    expect(r.stdout).not.toContain('sk-never-print-me');
    expect(r.stdout).toMatch(/^FAIL\s+model 'gpt' \(openai\): .*MY_TEAM_KEY/m);
    expect(r.stdout).toMatch(/^FAIL\s+model 'unreachable' \(openai-compatible\): .*unreachable \(no answer/m);
  });
});
