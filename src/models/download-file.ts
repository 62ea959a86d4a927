/**
 * Downloads one file over HTTP(S) to a path, failing fast and stopping at once when asked.
 *
 * Why not node-llama-cpp's createModelDownloader (ipull), which this replaced for the default
 * model: ipull retries a failed request 150 times with up to 5 s between tries, so an offline
 * machine, an unknown host or a closed port printed nothing for over 10 minutes (measured here:
 * still waiting after 60 s for each), and the retries, running on their own timers, kept the
 * process alive after we gave up. Its progress event gives no way to tell "slow" from "stuck".
 *
 * Here every phase has a limit of its own:
 * - reaching the server (DNS, TCP, TLS, the reply's headers, each redirect): connectTimeoutMs,
 *   default 10 s, so an offline machine or a blackholed host fails well within 15 s;
 * - the body: stallTimeoutMs without a single byte, default 30 s; a slow but moving download of a
 *   1 GB model is never cut off by a total limit;
 * - the caller's AbortSignal (Ctrl-C) stops the transfer at once.
 * Nothing is retried: the caller decides, and a rerun resumes from the `.partial` file with an
 * HTTP Range request, so an interrupted 1 GB download does not start over.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Socket } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { SynthkitError } from '../core/synthkit-error.js';
import { subscribeAbort } from './abort-fanout.js';
import { abortable } from './abortable.js';
import { describeNetworkFailure, type NetworkFailure } from './network-error.js';

export const DEFAULT_DOWNLOAD_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_DOWNLOAD_STALL_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 10;
/** Progress callbacks at most this often (plus the first and the last): a 1 GB file arrives in ~16,000 chunks. */
const PROGRESS_EVERY_MS = 100;

export interface DownloadProgress {
  downloadedBytes: number;
  /** 0 while the size is unknown. */
  totalBytes: number;
}

export interface DownloadFileOptions {
  url: URL;
  /** Final path; the data goes to `${dest}.partial` until complete, then is renamed. */
  dest: string;
  /** Sent to `url`'s origin only; dropped when a redirect leads to another host. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  connectTimeoutMs?: number;
  stallTimeoutMs?: number;
  onProgress?: (progress: DownloadProgress) => void;
}

export type DownloadFailure = NetworkFailure | 'stalled' | 'http_status' | 'incomplete' | 'too_many_redirects';

/** A download that did not complete. `reason` is a stable code; the message says it in words. */
export class ModelDownloadError extends SynthkitError {
  constructor(
    message: string,
    readonly reason: DownloadFailure,
    readonly details: { url: string; status?: number } & Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Downloads `url` to `dest`. Rejects with ModelDownloadError, or with the signal's reason when aborted. */
export async function downloadFile(options: DownloadFileOptions): Promise<void> {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_DOWNLOAD_CONNECT_TIMEOUT_MS;
  const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_DOWNLOAD_STALL_TIMEOUT_MS;
  const partial = `${options.dest}.partial`;
  mkdirSync(dirname(options.dest), { recursive: true });
  const signal = options.signal;
  if (signal?.aborted) throw signal.reason;

  // One agent per download, destroyed at the end with every socket it opened: neither an idle
  // keep-alive socket nor a connect attempt still waiting on a silent host outlives the download
  // and holds the process open (undici's destroy leaves a pending connect to run to its timeout).
  const sockets = new Set<Socket>();
  const connectBase = buildConnector({ timeout: connectTimeoutMs });
  const agent = new Agent({
    headersTimeout: 0,
    bodyTimeout: 0,
    connect: (opts, callback) => {
      // undici's connector returns the socket it opens, though its type says void; if a later
      // version stops, we only lose the early cleanup.
      const socket = (connectBase as (...args: Parameters<typeof connectBase>) => unknown)(opts, callback);
      if (socket instanceof Socket) {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      }
    },
  });
  const controller = new AbortController();
  let phase: 'connect' | 'body' = 'connect';
  let timedOut = false;
  // One timer, re-armed per phase with that phase's limit; refresh() restarts it with the same limit.
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, ms);
  };
  const unsubscribe = signal ? subscribeAbort(signal, () => controller.abort()) : undefined;
  const shown = options.url.href;
  try {
    // A partial file from an interrupted run is resumed; a server that ignores Range (200) or
    // refuses it (416) gets a fresh start, once.
    for (let fresh = false; ; fresh = true) {
      if (fresh && existsSync(partial)) unlinkSync(partial);
      const offset = existsSync(partial) ? statSync(partial).size : 0;
      phase = 'connect';
      const { response, url } = await openFollowingRedirects(agent, options.url, options.headers ?? {}, offset, controller.signal, () => arm(connectTimeoutMs));
      if (response.statusCode === 416 && offset > 0 && !fresh) {
        await response.body.dump();
        continue;
      }
      if (response.statusCode !== 200 && response.statusCode !== 206) {
        await response.body.dump().catch(() => {});
        throw new ModelDownloadError(
          `${url.host} answered ${response.statusCode} for ${shown}${response.statusCode === 401 || response.statusCode === 403 ? ' (a gated or private repository needs HF_TOKEN)' : ''}`,
          'http_status',
          {
            url: shown,
            status: response.statusCode,
          },
        );
      }
      const range = response.statusCode === 206 ? parseContentRange(header(response.headers, 'content-range')) : undefined;
      if (response.statusCode === 206 && range?.start !== offset) {
        // The server sent another part than asked for: start over rather than splice wrong bytes.
        await response.body.dump();
        if (fresh) throw new ModelDownloadError(`${url.host} sent a byte range we did not ask for (${shown})`, 'incomplete', { url: shown });
        continue;
      }
      const start = response.statusCode === 206 ? offset : 0;
      const length = Number(header(response.headers, 'content-length'));
      const totalBytes = range?.total ?? (Number.isFinite(length) && length >= 0 ? start + length : 0);

      phase = 'body';
      arm(stallTimeoutMs);
      const stallTimer = timer!;
      let downloadedBytes = start;
      let lastReport = 0;
      const report = (force: boolean) => {
        const now = performance.now();
        if (!force && now - lastReport < PROGRESS_EVERY_MS) return;
        lastReport = now;
        options.onProgress?.({ downloadedBytes, totalBytes });
      };
      report(true);
      const count = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          stallTimer.refresh();
          downloadedBytes += chunk.length;
          report(false);
          callback(null, chunk);
        },
      });
      await pipeline(response.body, count, createWriteStream(partial, { flags: start > 0 ? 'a' : 'w' }));
      report(true);
      const size = statSync(partial).size;
      if (totalBytes > 0 && size !== totalBytes) {
        throw new ModelDownloadError(`the download of ${shown} ended at ${size} of ${totalBytes} bytes; run again to resume`, 'incomplete', { url: shown });
      }
      renameSync(partial, options.dest);
      return;
    }
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (error instanceof ModelDownloadError) throw error;
    if (timedOut) {
      const seconds = (phase === 'connect' ? connectTimeoutMs : stallTimeoutMs) / 1000;
      throw phase === 'connect'
        ? new ModelDownloadError(`no answer from ${options.url.host} within ${seconds} s (offline, or a firewall drops the connection?)`, 'connect_timeout', {
            url: shown,
          })
        : new ModelDownloadError(`the download of ${shown} stalled: no data for ${seconds} s; run again to resume`, 'stalled', { url: shown });
    }
    const failure = describeNetworkFailure(error);
    const suffix =
      failure.kind === 'connection_lost' ? '; run again to resume' : failure.code === 'ENOTFOUND' ? ' (is this machine offline, or the host name wrong?)' : '';
    throw new ModelDownloadError(`cannot download from ${options.url.host}: ${failure.text}${suffix}`, failure.kind, { url: shown, code: failure.code });
  } finally {
    clearTimeout(timer);
    unsubscribe?.();
    void agent.destroy().catch(() => {});
    for (const socket of sockets) socket.destroy();
  }
}

/**
 * GETs `url`, following redirects (Hugging Face answers with a redirect to its CDN). Headers go
 * to the first origin only, as fetch does with credentials.
 */
async function openFollowingRedirects(
  agent: Dispatcher,
  first: URL,
  headers: Record<string, string>,
  offset: number,
  signal: AbortSignal,
  onHop: () => void,
): Promise<{ response: Dispatcher.ResponseData; url: URL }> {
  let url = first;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    onHop();
    const response = await abortable(
      agent.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: 'GET',
        headers: {
          ...(url.origin === first.origin ? headers : {}),
          'user-agent': 'synthkit',
          'accept-encoding': 'identity',
          ...(offset > 0 ? { range: `bytes=${offset}-` } : {}),
        },
        signal,
      }),
      signal,
      (late) => late.body.destroy(),
    );
    const location = header(response.headers, 'location');
    if (response.statusCode >= 300 && response.statusCode < 400 && location) {
      await response.body.dump();
      url = new URL(location, url);
      continue;
    }
    return { response, url };
  }
  throw new ModelDownloadError(`more than ${MAX_REDIRECTS} redirects from ${first.href}`, 'too_many_redirects', { url: first.href });
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseContentRange(value: string | undefined): { start: number; total?: number } | undefined {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(value?.trim() ?? '');
  if (!match) return undefined;
  return { start: Number(match[1]), total: match[2] === '*' ? undefined : Number(match[2]) };
}
