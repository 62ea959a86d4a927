/**
 * A local server speaking both batch wire formats, for tests and benches:
 * - OpenAI: POST /v1/files (multipart, purpose=batch), POST /v1/batches, GET /v1/batches/{id},
 *   GET /v1/files/{id}/content (output and error files);
 * - Anthropic: POST /v1/messages/batches, GET /v1/messages/batches/{id}, GET its results_url.
 *
 * Replies are deterministic (mock-llm-server's defaultHandler). Each created batch consumes one
 * script entry, which can expire, fail (server error), refuse, garble or cancel some requests,
 * fail the whole batch, or keep it running for a number of polls.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultHandler, type MockWireFormat } from './mock-llm-server.js';

export interface BatchScript {
  /** Polls answered "running" before the batch ends. Default 0. */
  pollsUntilEnded?: number;
  /** The first n requests expire (OpenAI: error file batch_expired; Anthropic: expired). */
  expire?: number;
  /** The next n get a server error (OpenAI: status 500; Anthropic: errored api_error). */
  serverError?: number;
  /** The next n are refused (400 / invalid_request_error). */
  refuse?: number;
  /** The next n result lines are garbled (not JSON). */
  malformed?: number;
  /** The next n succeed with a body that is not a completion (no choices / no content). */
  badBody?: number;
  /** The batch is cancelled: the requests not run (all but the first `cancelAfter`) come back cancelled. */
  cancel?: boolean;
  cancelAfter?: number;
  /** OpenAI only: the batch fails validation as a whole. */
  failBatch?: boolean;
}

export interface MockBatch {
  id: string;
  format: MockWireFormat;
  customIds: string[];
  polls: number;
}

export interface MockBatchServer {
  url: string;
  batches: MockBatch[];
  script(...entries: BatchScript[]): void;
  close(): Promise<void>;
}

interface Stored {
  batch: MockBatch;
  script: BatchScript;
  requests: { custom_id: string; body: any }[];
}

export async function startMockBatchServer(): Promise<MockBatchServer> {
  const files = new Map<string, string>();
  const stored = new Map<string, Stored>();
  const batches: MockBatch[] = [];
  const scripts: BatchScript[] = [];
  let seq = 0;

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    try {
      if (req.method === 'POST' && path === '/v1/files') {
        const form = await new Response(body, { headers: { 'content-type': String(req.headers['content-type']) } }).formData();
        const file = form.get('file') as Blob;
        const id = `file-${++seq}`;
        files.set(id, await file.text());
        return json(200, { id, object: 'file', purpose: form.get('purpose') });
      }
      if (req.method === 'POST' && path === '/v1/batches') {
        const { input_file_id } = JSON.parse(body.toString());
        const lines = (files.get(input_file_id) ?? '')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l));
        const id = `batch_${++seq}`;
        create(
          id,
          'openai',
          lines.map((l) => ({ custom_id: l.custom_id, body: l.body })),
        );
        return json(200, { id, object: 'batch', status: 'validating' });
      }
      let m = path.match(/^\/v1\/batches\/([^/]+)$/);
      if (req.method === 'GET' && m) {
        const s = stored.get(m[1]);
        if (!s) return json(404, { error: { message: 'no such batch' } });
        if (s.batch.polls++ < (s.script.pollsUntilEnded ?? 0)) return json(200, { id: m[1], status: 'in_progress' });
        if (s.script.failBatch) return json(200, { id: m[1], status: 'failed', errors: { data: [{ code: 'invalid_jsonl', message: 'mock failure' }] } });
        const { output, errors } = openAIResults(s);
        const out = `file-${++seq}`;
        const err = `file-${++seq}`;
        files.set(out, output);
        files.set(err, errors);
        const status = s.script.cancel ? 'cancelled' : s.script.expire ? 'expired' : 'completed';
        return json(200, { id: m[1], status, output_file_id: out, error_file_id: errors ? err : null });
      }
      m = path.match(/^\/v1\/files\/([^/]+)\/content$/);
      if (req.method === 'GET' && m) {
        res.writeHead(200, { 'content-type': 'application/jsonl' });
        return res.end(files.get(m[1]) ?? '');
      }
      if (req.method === 'POST' && path === '/v1/messages/batches') {
        const { requests } = JSON.parse(body.toString());
        const id = `msgbatch_${++seq}`;
        create(
          id,
          'anthropic',
          requests.map((r: any) => ({ custom_id: r.custom_id, body: r.params })),
        );
        return json(200, { id, type: 'message_batch', processing_status: 'in_progress' });
      }
      m = path.match(/^\/v1\/messages\/batches\/([^/]+)$/);
      if (req.method === 'GET' && m) {
        const s = stored.get(m[1]);
        if (!s) return json(404, { type: 'error', error: { type: 'not_found_error', message: 'no such batch' } });
        if (s.batch.polls++ < (s.script.pollsUntilEnded ?? 0)) return json(200, { id: m[1], processing_status: 'in_progress' });
        return json(200, { id: m[1], processing_status: 'ended', results_url: `${address()}/v1/messages/batches/${m[1]}/results` });
      }
      m = path.match(/^\/v1\/messages\/batches\/([^/]+)\/results$/);
      if (req.method === 'GET' && m) {
        res.writeHead(200, { 'content-type': 'application/binary' });
        return res.end(anthropicResults(stored.get(m[1])!));
      }
      json(404, { error: { message: `mock batch server: no route ${req.method} ${path}` } });
    } catch (error) {
      json(500, { error: { message: String(error) } });
    }
  });

  function create(id: string, format: MockWireFormat, requests: { custom_id: string; body: any }[]): void {
    const batch: MockBatch = { id, format, customIds: requests.map((r) => r.custom_id), polls: 0 };
    batches.push(batch);
    stored.set(id, { batch, script: scripts.shift() ?? {}, requests });
  }

  /** What happens to each request, in order: the script's counts are taken from the front. */
  function fates(s: Stored): string[] {
    const { expire = 0, serverError = 0, refuse = 0, malformed = 0, badBody = 0 } = s.script;
    return s.requests.map((_, i) => {
      if (s.script.cancel && i >= (s.script.cancelAfter ?? 0)) return 'cancel';
      let k = i;
      for (const [fate, n] of [
        ['expire', expire],
        ['serverError', serverError],
        ['refuse', refuse],
        ['malformed', malformed],
        ['badBody', badBody],
      ] as const) {
        if (k < n) return fate;
        k -= n;
      }
      return 'ok';
    });
  }

  function openAIResults(s: Stored): { output: string; errors: string } {
    const output: string[] = [];
    const errors: string[] = [];
    fates(s).forEach((fate, i) => {
      const { custom_id, body } = s.requests[i];
      if (fate === 'expire' || fate === 'cancel') {
        errors.push(
          JSON.stringify({
            id: `r${i}`,
            custom_id,
            response: null,
            error: { code: fate === 'expire' ? 'batch_expired' : 'batch_cancelled', message: 'not run' },
          }),
        );
      } else if (fate === 'serverError') {
        errors.push(JSON.stringify({ id: `r${i}`, custom_id, response: { status_code: 500, body: { error: { message: 'server error' } } }, error: null }));
      } else if (fate === 'refuse') {
        errors.push(JSON.stringify({ id: `r${i}`, custom_id, response: { status_code: 400, body: { error: { message: 'invalid request' } } }, error: null }));
      } else if (fate === 'malformed') output.push(`{"custom_id": "${custom_id}", "response": {garbled`);
      else if (fate === 'badBody')
        output.push(JSON.stringify({ id: `r${i}`, custom_id, response: { status_code: 200, body: { object: 'chat.completion' } }, error: null }));
      else
        output.push(
          JSON.stringify({ id: `r${i}`, custom_id, response: { status_code: 200, request_id: `req${i}`, body: openAICompletion(body) }, error: null }),
        );
    });
    return { output: output.join('\n'), errors: errors.join('\n') };
  }

  function anthropicResults(s: Stored): string {
    return fates(s)
      .map((fate, i) => {
        const { custom_id, body } = s.requests[i];
        if (fate === 'malformed') return `{"custom_id": "${custom_id}", "result": {garbled`;
        const result =
          fate === 'expire'
            ? { type: 'expired' }
            : fate === 'cancel'
              ? { type: 'canceled' }
              : fate === 'serverError'
                ? { type: 'errored', error: { type: 'error', error: { type: 'api_error', message: 'server error' } } }
                : fate === 'refuse'
                  ? { type: 'errored', error: { type: 'error', error: { type: 'invalid_request_error', message: 'invalid request' } } }
                  : fate === 'badBody'
                    ? { type: 'succeeded', message: { type: 'message' } }
                    : { type: 'succeeded', message: anthropicMessage(body) };
        return JSON.stringify({ custom_id, result });
      })
      .join('\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: address(),
    batches,
    script: (...entries) => scripts.push(...entries),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function openAICompletion(body: any): object {
  const answer = defaultHandler(body, 'openai');
  const content = typeof answer === 'string' ? answer : JSON.stringify(answer);
  return {
    id: 'chatcmpl-batch',
    object: 'chat.completion',
    model: body.model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

function anthropicMessage(body: any): object {
  const answer = defaultHandler(body, 'anthropic');
  const tool = body.tool_choice?.name;
  return {
    id: 'msg_batch',
    type: 'message',
    role: 'assistant',
    model: body.model,
    content: [tool ? { type: 'tool_use', id: 'toolu', name: tool, input: answer } : { type: 'text', text: answer }],
    stop_reason: tool ? 'tool_use' : 'end_turn',
    usage: { input_tokens: 10, output_tokens: 5 },
  };
}
