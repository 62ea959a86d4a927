/**
 * The model downloader's limits, against local servers and ports: an unknown host, a closed port
 * and a silent (blackholed) one fail fast with a stable reason; a stalled body fails after the
 * stall limit and keeps its partial file, which the next call resumes with a Range request; an
 * AbortSignal stops a transfer at once; credentials do not follow a redirect to another host.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadFile, ModelDownloadError } from '../../src/models/download-file.js';
import { startBlackhole, type Blackhole } from './blackhole.js';
import { STORIES_MODEL, tempDir } from '../support/paths.js';

const model = readFileSync(STORIES_MODEL);
const seen: { server: string; path: string; range?: string; authorization?: string }[] = [];
let main: http.Server;
let other: http.Server;
let mainURL = '';
let otherURL = '';
let blackhole: Blackhole;

function serve(name: string, handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<[http.Server, string]> {
  const server = http.createServer((req, res) => {
    seen.push({ server: name, path: req.url ?? '', range: req.headers.range, authorization: req.headers.authorization });
    handler(req, res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve([server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`])));
}

/** The whole file, honouring `Range: bytes=N-`. */
function sendFile(req: http.IncomingMessage, res: http.ServerResponse, bytesPerTick?: number) {
  const range = /bytes=(\d+)-/.exec(req.headers.range ?? '');
  const start = range ? Number(range[1]) : 0;
  const body = model.subarray(start);
  res.writeHead(range ? 206 : 200, {
    'content-length': body.length,
    ...(range ? { 'content-range': `bytes ${start}-${model.length - 1}/${model.length}` } : {}),
  });
  if (!bytesPerTick) return void res.end(body);
  let at = 0;
  const tick = setInterval(() => {
    if (res.destroyed) return clearInterval(tick);
    res.write(body.subarray(at, at + bytesPerTick));
    at += bytesPerTick;
    if (at >= body.length) {
      clearInterval(tick);
      res.end();
    }
  }, 20);
}

beforeAll(async () => {
  [other, otherURL] = await serve('other', (req, res) => sendFile(req, res));
  [main, mainURL] = await serve('main', (req, res) => {
    if (req.url === '/file.gguf') return sendFile(req, res);
    if (req.url === '/slow.gguf') return sendFile(req, res, 16 * 1024);
    if (req.url === '/stall.gguf') {
      // Headers and the first 100 KB, then nothing: a transfer that hangs mid-way.
      res.writeHead(200, { 'content-length': model.length });
      return void res.write(model.subarray(0, 100_000));
    }
    if (req.url === '/redirect.gguf') return void res.writeHead(302, { location: `${otherURL}/file.gguf` }).end();
    res.writeHead(404).end('not here');
  });
  blackhole = await startBlackhole();
});
afterAll(async () => {
  blackhole.close();
  main.closeAllConnections();
  other.closeAllConnections();
  await Promise.all([main, other].map((s) => new Promise((r) => s.close(r))));
});

async function failure(promise: Promise<unknown>): Promise<{ error: ModelDownloadError; ms: number }> {
  const started = performance.now();
  const error = await promise.then(
    () => {
      throw new Error('expected the download to fail');
    },
    (e) => e,
  );
  return { error, ms: performance.now() - started };
}

describe('downloadFile', () => {
  it('downloads a file with progress, through a temp name renamed at the end', async () => {
    const dest = join(tempDir(), 'm.gguf');
    const progress: number[] = [];
    await downloadFile({ url: new URL(`${mainURL}/file.gguf`), dest, onProgress: (p) => progress.push(p.downloadedBytes) });
    expect(readFileSync(dest).equals(model)).toBe(true);
    expect(existsSync(`${dest}.partial`)).toBe(false);
    expect(progress.at(-1)).toBe(model.length);
  });

  it('fails at once for a host name that does not resolve, naming the host', async () => {
    const { error, ms } = await failure(downloadFile({ url: new URL('http://synthkit-model-host.invalid/m.gguf'), dest: join(tempDir(), 'm.gguf') }));
    expect(error).toBeInstanceOf(ModelDownloadError);
    expect(error.reason).toBe('host_not_found');
    expect(error.message).toContain('synthkit-model-host.invalid');
    expect(ms).toBeLessThan(15_000);
  });

  it('fails at once for a closed port', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const { error, ms } = await failure(downloadFile({ url: new URL(`http://127.0.0.1:${port}/m.gguf`), dest: join(tempDir(), 'm.gguf') }));
    expect(error.reason).toBe('connection_refused');
    expect(ms).toBeLessThan(2_000);
  });

  it('gives up on a host that never answers after the connect limit', async () => {
    const { error, ms } = await failure(downloadFile({ url: new URL(`${blackhole.url}/m.gguf`), dest: join(tempDir(), 'm.gguf'), connectTimeoutMs: 500 }));
    expect(error.reason).toBe('connect_timeout');
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(ms).toBeLessThan(3_000);
  });

  it('fails a stalled transfer after the stall limit, keeps the partial file, and resumes it with a Range request', async () => {
    const dir = tempDir();
    const dest = join(dir, 'm.gguf');
    const { error, ms } = await failure(downloadFile({ url: new URL(`${mainURL}/stall.gguf`), dest, stallTimeoutMs: 300 }));
    expect(error.reason).toBe('stalled');
    expect(error.message).toContain('run again to resume');
    expect(ms).toBeLessThan(3_000);
    expect(statSync(`${dest}.partial`).size).toBe(100_000);

    await downloadFile({ url: new URL(`${mainURL}/file.gguf`), dest });
    expect(seen.at(-1)).toMatchObject({ path: '/file.gguf', range: 'bytes=100000-' });
    expect(readFileSync(dest).equals(model)).toBe(true);
  });

  it('stops at once when the signal aborts, rejecting with its reason', async () => {
    const dest = join(tempDir(), 'm.gguf');
    const controller = new AbortController();
    let abortedAt = 0;
    const download = downloadFile({
      url: new URL(`${mainURL}/slow.gguf`),
      dest,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.downloadedBytes > 100_000 && !abortedAt) {
          abortedAt = performance.now();
          controller.abort();
        }
      },
    });
    const error = await download.catch((e) => e);
    expect(error.name).toBe('AbortError');
    expect(performance.now() - abortedAt).toBeLessThan(500);
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.partial`)).toBe(true);
  });

  it('reports an HTTP error status with a stable reason', async () => {
    const { error } = await failure(downloadFile({ url: new URL(`${mainURL}/missing.gguf`), dest: join(tempDir(), 'm.gguf') }));
    expect(error.reason).toBe('http_status');
    expect(error.details.status).toBe(404);
  });

  it('follows a redirect but sends credentials only to the first host', async () => {
    const dest = join(tempDir(), 'm.gguf');
    await downloadFile({ url: new URL(`${mainURL}/redirect.gguf`), dest, headers: { authorization: 'Bearer hf_secret' } });
    expect(readFileSync(dest).equals(model)).toBe(true);
    const hops = seen.slice(-2);
    expect(hops[0]).toMatchObject({ server: 'main', path: '/redirect.gguf', authorization: 'Bearer hf_secret' });
    expect(hops[1]).toMatchObject({ server: 'other', path: '/file.gguf' });
    expect(hops[1].authorization).toBeUndefined();
  });
});
