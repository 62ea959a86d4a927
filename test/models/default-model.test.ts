/**
 * First-use download of the default local model, served here from a local HTTP server (the same
 * code path as the real download), and the error that says what to do when no download works.
 */
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/pipeline/run-pipeline.js';
import { DEFAULT_MODEL_URI, resolveLocalModelPath } from '../../src/models/default-model.js';
import { ModelSetupError } from '../../src/models/types.js';
import type { GenerateEvent } from '../../src/generate/events.js';
import { STORIES_MODEL, tempDir } from '../support/paths.js';
import { startBlackhole } from './blackhole.js';

let server: http.Server;
let url = '';
let downloads = 0;

beforeAll(async () => {
  const size = statSync(STORIES_MODEL).size;
  server = http.createServer((req, res) => {
    if (!req.url?.endsWith('/tiny.gguf')) return void res.writeHead(404).end();
    const range = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const end = range?.[2] ? Number(range[2]) : size - 1;
    res.writeHead(range ? 206 : 200, {
      'content-length': end - start + 1,
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
      ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
    });
    if (req.method === 'HEAD') return void res.end();
    downloads++;
    createReadStream(STORIES_MODEL, { start, end }).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function withEnv<T>(env: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) v === undefined ? delete process.env[k] : (process.env[k] = v);
  return fn().finally(() => {
    for (const [k, v] of Object.entries(saved)) v === undefined ? delete process.env[k] : (process.env[k] = v);
  });
}

describe('default local model', () => {
  it('is downloaded on first use with progress events, then reused', async () => {
    const cacheDir = tempDir();
    const events: GenerateEvent[] = [];
    const recipe = {
      records: 2,
      models: { m: { engine: 'local' as const, threads: 1, max_tokens: 16 } },
      columns: [{ name: 't', kind: 'llm-text' as const, model: 'm', prompt: 'Once upon a time' }],
    };
    await withEnv({ SYNTHKIT_CACHE_DIR: cacheDir, SYNTHKIT_LOCAL_MODEL: undefined, SYNTHKIT_DEFAULT_MODEL_URI: `${url}/models/tiny.gguf` }, async () => {
      const summary = await generate(recipe, { out: tempDir(), cacheDir, onEvent: (e) => events.push(e) });
      expect(summary.valid).toBe(2);
      const progress = events.filter((e) => e.type === 'download');
      expect(progress.length).toBeGreaterThan(0);
      const last = progress.at(-1) as Extract<GenerateEvent, { type: 'download' }>;
      expect(last.downloadedBytes).toBe(statSync(STORIES_MODEL).size);
      const path = await resolveLocalModelPath(undefined);
      expect(path.startsWith(join(cacheDir, 'models'))).toBe(true);
      expect(statSync(path).size).toBe(statSync(STORIES_MODEL).size);
    });
    const before = downloads;
    await withEnv({ SYNTHKIT_CACHE_DIR: cacheDir, SYNTHKIT_LOCAL_MODEL: undefined, SYNTHKIT_DEFAULT_MODEL_URI: `${url}/models/tiny.gguf` }, () =>
      resolveLocalModelPath(undefined),
    );
    expect(downloads).toBe(before);
  });

  it('says exactly how to point at a local file when the download fails', async () => {
    await withEnv({ SYNTHKIT_CACHE_DIR: tempDir(), SYNTHKIT_LOCAL_MODEL: undefined, SYNTHKIT_DEFAULT_MODEL_URI: `${url}/missing.gguf` }, async () => {
      const error = await resolveLocalModelPath(undefined).catch((e) => e);
      expect(error).toBeInstanceOf(ModelSetupError);
      expect(error.message).toContain('SYNTHKIT_LOCAL_MODEL=/path/to/model.gguf');
      expect(error.message).toContain('--local-model');
      expect(error.message).toContain('models.<name>.path');
    });
  });

  /** The three ways to give a model, and the command that downloads the default one ahead of time. */
  function expectHowToGiveAModel(message: string) {
    expect(message).toContain('models.<name>.path');
    expect(message).toContain('SYNTHKIT_LOCAL_MODEL');
    expect(message).toContain('--local-model');
    expect(message).toContain('synthkit models pull');
  }

  it('fails at once when the model host does not resolve (offline), saying how to give a model', async () => {
    await withEnv(
      { SYNTHKIT_CACHE_DIR: tempDir(), SYNTHKIT_LOCAL_MODEL: undefined, SYNTHKIT_DEFAULT_MODEL_URI: 'http://synthkit-model-host.invalid/m.gguf' },
      async () => {
        const started = performance.now();
        const error = await resolveLocalModelPath(undefined).catch((e) => e);
        expect(performance.now() - started).toBeLessThan(15_000);
        expect(error).toBeInstanceOf(ModelSetupError);
        expect(error.message).toContain('host not found');
        expectHowToGiveAModel(error.message);
      },
    );
  });

  it('resolves the real default hf: URI against the Hub endpoint, and fails fast when that host is unknown', async () => {
    // HF_ENDPOINT stands in for huggingface.co, which does not resolve on an offline machine.
    await withEnv(
      { SYNTHKIT_CACHE_DIR: tempDir(), SYNTHKIT_LOCAL_MODEL: undefined, SYNTHKIT_DEFAULT_MODEL_URI: undefined, HF_ENDPOINT: 'https://synthkit-hub.invalid/' },
      async () => {
        const error = await resolveLocalModelPath(undefined).catch((e) => e);
        expect(error).toBeInstanceOf(ModelSetupError);
        expect(error.message).toContain(DEFAULT_MODEL_URI);
        expect(error.message).toContain('synthkit-hub.invalid');
        expectHowToGiveAModel(error.message);
      },
    );
  });

  it('fails at once for a closed port', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await withEnv(
      { SYNTHKIT_CACHE_DIR: tempDir(), SYNTHKIT_LOCAL_MODEL: undefined, SYNTHKIT_DEFAULT_MODEL_URI: `http://127.0.0.1:${port}/m.gguf` },
      async () => {
        const started = performance.now();
        const error = await resolveLocalModelPath(undefined).catch((e) => e);
        expect(performance.now() - started).toBeLessThan(2_000);
        expect(error).toBeInstanceOf(ModelSetupError);
        expect(error.message).toContain('connection refused');
        expectHowToGiveAModel(error.message);
      },
    );
  });

  it('fails within 15 s, with the default limits, when nothing answers at the model host (blackholed)', async () => {
    const blackhole = await startBlackhole();
    try {
      await withEnv({ SYNTHKIT_CACHE_DIR: tempDir(), SYNTHKIT_LOCAL_MODEL: undefined, SYNTHKIT_DEFAULT_MODEL_URI: `${blackhole.url}/m.gguf` }, async () => {
        const started = performance.now();
        const error = await resolveLocalModelPath(undefined).catch((e) => e);
        expect(performance.now() - started).toBeLessThan(15_000);
        expect(error).toBeInstanceOf(ModelSetupError);
        expect(error.message).toContain('no answer');
        expectHowToGiveAModel(error.message);
      });
    } finally {
      blackhole.close();
    }
  });

  it('stops at once when its signal aborts (Ctrl-C), with the signal reason', async () => {
    const blackhole = await startBlackhole();
    try {
      await withEnv({ SYNTHKIT_CACHE_DIR: tempDir(), SYNTHKIT_LOCAL_MODEL: undefined, SYNTHKIT_DEFAULT_MODEL_URI: `${blackhole.url}/m.gguf` }, async () => {
        const controller = new AbortController();
        const pending = resolveLocalModelPath(undefined, { signal: controller.signal }).catch((e) => e);
        await new Promise((r) => setTimeout(r, 200));
        const abortedAt = performance.now();
        controller.abort();
        const error = await pending;
        expect(performance.now() - abortedAt).toBeLessThan(200);
        expect(error.name).toBe('AbortError');
      });
    } finally {
      blackhole.close();
    }
  });
});
