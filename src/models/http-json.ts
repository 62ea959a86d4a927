/**
 * POST a JSON body and read the reply as text, over undici's dispatcher (keep-alive connection
 * pools per origin), and turn HTTP failures into the model errors both remote engines share.
 *
 * Why undici's request API, not fetch or node:http: measured here against a local server on two
 * cores, Node 20's global fetch managed about 1,700 requests/s, node:http with a keep-alive agent
 * about 7,000/s at 150 us of CPU each, and undici's Pool about 11,000/s at 90 us. The client's CPU
 * per call is what bounds generation against a fast server (bench/generate-bench.ts).
 *
 * Failures:
 * - the call ran past its time, the connection dropped or reset: ModelCallError, retryable;
 * - nothing listens there (ECONNREFUSED), the host does not exist (ENOTFOUND), the certificate is
 *   bad: ModelSetupError, one line naming the URL and what to check. Retrying will not make a
 *   server appear, and a batch of thousands of calls should stop at the first one, not wait out
 *   thousands of backoffs;
 * - no answer to the connection attempt within connectTimeoutMs (a blackholed address, a firewall
 *   dropping packets), or no DNS answer: ModelSetupError while this client has never had a reply
 *   from that origin (a wrong or unreachable base_url must fail in seconds, not after the per-call
 *   timeout times the retries), retryable ModelCallError once it has (a server that answered a
 *   moment ago and is slow to accept now is overloaded, not misconfigured);
 * - the caller's AbortSignal fired: the signal's reason (an AbortError), as fetch does.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, type Dispatcher } from 'undici';
import { subscribeAbort } from './abort-fanout.js';
import { DEFAULT_MAX_SOCKETS, DEFAULT_TIMEOUT_MS } from './defaults.js';
import { describeNetworkFailure, oneLine } from './network-error.js';
import { ModelCallError, ModelSetupError } from './types.js';

export { oneLine } from './network-error.js';

/**
 * Time limit for opening a connection (DNS, TCP, TLS), apart from the per-call limit: a server may
 * take minutes to answer a long generation, but one that cannot be reached in 10 s will not be.
 * 10 s is undici's own default and leaves an unreachable base_url failing well within 15 s.
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export interface HttpJsonReply {
  status: number;
  headers: IncomingHttpHeaders;
  bodyText: string;
}

export interface HttpJsonClientOptions {
  /** Most connections open at once per origin; further calls queue in the pool. Default DEFAULT_MAX_SOCKETS (256). */
  maxSockets?: number;
  /**
   * Per-call time limit in ms, covering connect, send and the whole reply. Default
   * DEFAULT_TIMEOUT_MS (600,000: 10 minutes, the official OpenAI and Anthropic SDKs' default).
   */
  timeoutMs?: number;
  /** Time limit in ms for opening a connection (DNS, TCP, TLS). Default DEFAULT_CONNECT_TIMEOUT_MS (10,000). */
  connectTimeoutMs?: number;
  /** How to name the server in messages, e.g. the engine's base URL. Default: the request URL. */
  target?: string;
  /** Appended to setup errors, e.g. "Check base_url of model 'gpt-4o-mini'". */
  setupHint?: string;
}

export interface PostJsonOptions {
  headers?: Record<string, string>;
  /** Overrides the client's timeoutMs for this call. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface HttpJsonClient {
  postJson(url: URL | string, body: unknown, options?: PostJsonOptions): Promise<HttpJsonReply>;
  /** Closes the idle keep-alive connections. Calls still in flight finish or fail on their own. */
  close(): void;
}

export function createHttpJsonClient(options: HttpJsonClientOptions = {}): HttpJsonClient {
  const clientTimeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const hint = options.setupHint ? ` ${options.setupHint}` : '';
  // Our own timer covers the whole call (undici's headers and body timers are per phase), so those
  // are switched off; the connect timer stays, the one phase with a limit of its own.
  let agent: Agent | undefined;
  const dispatcher = () =>
    (agent ??= new Agent({
      connections: options.maxSockets ?? DEFAULT_MAX_SOCKETS,
      headersTimeout: 0,
      bodyTimeout: 0,
      connect: { timeout: connectTimeoutMs },
    }));
  // Origins that have answered at least once: a connect timeout is a setup error only before that.
  const answered = new Set<string>();

  async function postJson(url: URL | string, body: unknown, call: PostJsonOptions = {}): Promise<HttpJsonReply> {
    const target = typeof url === 'string' ? new URL(url) : url;
    const shownTarget = options.target ?? target.href;
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw new ModelSetupError(`cannot call ${shownTarget}: only http and https URLs are supported.${hint}`);
    }
    const signal = call.signal;
    if (signal?.aborted) throw abortReason(signal);
    const timeoutMs = call.timeoutMs ?? clientTimeoutMs;
    try {
      const reply = await dispatchJson(
        dispatcher(),
        { origin: target.origin, path: target.pathname + target.search, method: 'POST', headers: withJsonType(call.headers), body: JSON.stringify(body) },
        timeoutMs,
        signal,
      );
      answered.add(target.origin);
      return reply;
    } catch (error) {
      if (error === TIMED_OUT) throw new ModelCallError(`no complete reply from ${shownTarget} within ${timeoutMs} ms (timed out)`, { retryable: true });
      if (signal?.aborted) throw abortReason(signal);
      throw networkError(error, shownTarget, hint, { firstContact: !answered.has(target.origin), connectTimeoutMs });
    }
  }

  return {
    postJson,
    close() {
      void agent?.close();
      agent = undefined;
    },
  };
}

/** Rejection value of a call that ran past its time limit (mapped to a ModelCallError above). */
const TIMED_OUT = Symbol('timed out');

const JSON_ONLY: Record<string, string> = { 'content-type': 'application/json' };
/** Engines pass the same headers object on every call: merge it with the content type once. */
const mergedHeaders = new WeakMap<Record<string, string>, Record<string, string>>();
function withJsonType(headers: Record<string, string> | undefined): Record<string, string> {
  if (!headers) return JSON_ONLY;
  let merged = mergedHeaders.get(headers);
  if (!merged) mergedHeaders.set(headers, (merged = { ...headers, ...JSON_ONLY }));
  return merged;
}

/**
 * One request through undici's dispatch handler, the body collected as it arrives.
 *
 * Why not undici's `request`: it wraps every reply in a Readable stream and every call needs its
 * own AbortController and listeners; measured here against the instant local server, that cost
 * about 40 us of CPU per call on top of the dispatch itself, a fifth of synthkit's whole cost per
 * record (bench/generate-bench.ts). Here a call costs one timer and one handler object.
 *
 * The promise settles at once on the time limit or the caller's abort, even while undici is still
 * connecting (it gives no way to abort before the request is written); the request is aborted the
 * moment undici hands over its abort function, and anything arriving later is dropped.
 */
function dispatchJson(agent: Agent, request: Dispatcher.DispatchOptions, timeoutMs: number, signal: AbortSignal | undefined): Promise<HttpJsonReply> {
  return new Promise<HttpJsonReply>((resolve, reject) => {
    let settled = false;
    let abortRequest: ((reason?: unknown) => void) | undefined;
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    const settle = (error: unknown, reply?: HttpJsonReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe?.();
      if (reply) resolve(reply);
      else reject(error);
    };
    const cancel = (reason: unknown) => {
      settle(reason);
      abortRequest?.(reason);
    };
    const timer = setTimeout(() => cancel(TIMED_OUT), timeoutMs);
    // Through the fan-out: one listener on the caller's signal however many calls share it.
    const unsubscribe = signal ? subscribeAbort(signal, () => cancel(abortReason(signal))) : undefined;
    agent.dispatch(request, {
      onRequestStart(controller) {
        abortRequest = (reason) => controller.abort(reason instanceof Error ? reason : new Error('aborted'));
        if (settled) abortRequest();
      },
      onResponseStart(_controller, statusCode, responseHeaders) {
        status = statusCode;
        headers = responseHeaders as IncomingHttpHeaders;
      },
      onResponseData(_controller, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        settle(undefined, { status, headers, bodyText: Buffer.concat(chunks).toString('utf8') });
      },
      onResponseError(_controller, error) {
        settle(error);
      },
    });
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Network-level failure (no HTTP status) to the model error that says what to do about it. */
function networkError(error: unknown, target: string, hint: string, context: { firstContact: boolean; connectTimeoutMs: number }): Error {
  const failure = describeNetworkFailure(error);
  switch (failure.kind) {
    case 'connection_refused':
      return new ModelSetupError(`cannot reach ${target} (connection refused): is the server running?${hint}`);
    case 'tls':
      return new ModelSetupError(`cannot reach ${target} (${failure.text}).${hint}`);
    case 'host_not_found':
      if (failure.code === 'ENOTFOUND') return new ModelSetupError(`cannot reach ${target} (host not found): is the host name right?${hint}`);
      if (context.firstContact) return new ModelSetupError(`cannot reach ${target} (${failure.text}): check the network and the host name.${hint}`);
      break;
    case 'connect_timeout':
      if (context.firstContact) {
        const within = failure.code === 'UND_ERR_CONNECT_TIMEOUT' ? ` within ${context.connectTimeoutMs / 1000} s` : '';
        return new ModelSetupError(
          `cannot reach ${target} (${failure.text}${within}; connect timeout, apart from the per-call timeout): is the address right and the server up? A firewall or VPN may be dropping the connection.${hint}`,
        );
      }
      break;
  }
  // Dropped or reset connections, and slow connects to a server that has answered before: transient.
  return new ModelCallError(`connection to ${target} failed (${failure.text})`, { retryable: true });
}

/**
 * The server's wish for how long to wait, in ms: `retry-after-ms` (OpenAI sends it), else
 * `retry-after` as seconds (fractions allowed) or as an HTTP date. Undefined when absent or unreadable.
 */
export function parseRetryAfterMs(headers: IncomingHttpHeaders, now: number = Date.now()): number | undefined {
  const msHeader = headers['retry-after-ms'];
  if (typeof msHeader === 'string' && msHeader.trim()) {
    const ms = Number(msHeader);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  }
  const header = headers['retry-after'];
  if (typeof header !== 'string' || !header.trim()) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The human message inside an error body: OpenAI and Anthropic use error.message; others vary. */
export function serverErrorMessage(bodyText: string): string {
  try {
    // biome-ignore lint/suspicious/noExplicitAny: an error body in any provider's shape, probed field by field
    const json = JSON.parse(bodyText) as Record<string, any> | null;
    const candidates = [json?.error?.message, json?.error, json?.message, json?.detail];
    for (const candidate of candidates) if (typeof candidate === 'string' && candidate) return oneLine(candidate).slice(0, 500);
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return oneLine(bodyText).slice(0, 300) || '(empty body)';
}

export interface StatusErrorContext {
  /** What we called, e.g. the base URL. */
  target: string;
  modelName: string;
  /** The variable users put their key in, named in 401 messages. */
  apiKeyEnvVar: string;
  apiKeyGiven: boolean;
}

/**
 * A non-2xx reply as a ModelCallError. Retryable: 408, 409, 429 and 5xx (529 is Anthropic's
 * "overloaded"), the set the official OpenAI and Anthropic SDKs retry; both providers may also
 * send `x-should-retry: true|false`, which the SDKs obey and so do we.
 */
export function errorFromStatus(reply: HttpJsonReply, context: StatusErrorContext): ModelCallError {
  const { status } = reply;
  const message = serverErrorMessage(reply.bodyText);
  const shouldRetry = reply.headers['x-should-retry'];
  const retryable = shouldRetry === 'true' ? true : shouldRetry === 'false' ? false : status === 408 || status === 409 || status === 429 || status >= 500;
  const at = `${context.target} (model '${context.modelName}')`;
  let text: string;
  if (status === 401) {
    text = context.apiKeyGiven
      ? `authentication failed (401) at ${at}: ${message}. Check that ${context.apiKeyEnvVar} holds a valid API key`
      : `authentication failed (401) at ${at}: ${message}. No API key was given: set ${context.apiKeyEnvVar}`;
  } else if (status === 403) {
    text = `permission denied (403) at ${at}: ${message}. Check that the API key in ${context.apiKeyEnvVar} may use this model`;
  } else if (status === 404) {
    text = `not found (404) at ${at}: ${message}. Check base_url and the model name`;
  } else if (status === 429) {
    text = `rate limited (429) at ${at}: ${message}`;
  } else if (status === 529) {
    text = `overloaded (529) at ${at}: ${message}`;
  } else if (status >= 500) {
    text = `server error (${status}) at ${at}: ${message}`;
  } else {
    text = `request rejected (${status}) at ${at}: ${message}`;
  }
  return new ModelCallError(text, {
    retryable,
    status,
    retryAfterMs: retryable ? parseRetryAfterMs(reply.headers) : undefined,
    body: reply.bodyText.slice(0, 2000),
  });
}

/** A 2xx reply we cannot read. Retryable: garbled or truncated bodies come from overloaded proxies and usually pass on retry. */
export function malformedResponseError(target: string, why: string, bodyText: string): ModelCallError {
  return new ModelCallError(`malformed response from ${target}: ${why}`, { retryable: true, status: 200, body: bodyText.slice(0, 2000) });
}

/** `${baseURL}${path}` parsed once at engine creation, so a bad base_url fails before any call. */
export function endpointURL(baseURL: string, path: string, modelName: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(`${baseURL}${path}`);
  } catch {
    // Reported below.
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ModelSetupError(`invalid base_url '${baseURL}' of model '${modelName}': expected an http(s) URL such as http://127.0.0.1:8000/v1`);
  }
  return url;
}
