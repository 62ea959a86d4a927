/**
 * A local LLM server for tests and benches, speaking both wire formats:
 * OpenAI chat completions (POST /v1/chat/completions or /chat/completions) and Anthropic
 * messages (POST /v1/messages).
 *
 * Tests script it with a FIFO queue of behaviours, one consumed per request (429 with headers,
 * 500, slow replies, malformed JSON, dropped connections); with the queue empty it answers
 * normally, its content from `handler` (default: a deterministic echo of the last user message, or
 * an example object for schema/tool requests). Every request is recorded for assertions.
 *
 * `instant: true` is for benches: while the queue is empty it neither parses nor records the
 * request and sends one precomputed reply, so the client, not the server, is what gets measured.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type MockWireFormat = 'openai' | 'anthropic';

export interface MockRequest {
  path: string;
  format: MockWireFormat;
  headers: http.IncomingHttpHeaders;
  body: any;
}

export interface MockBehaviour {
  /** Non-2xx: reply with this status and an error body in the request's wire format. */
  status?: number;
  headers?: Record<string, string>;
  /** Message inside the error body. */
  errorMessage?: string;
  /** Raw body to send instead of the generated one (any status). */
  rawBody?: string;
  /** Wait this long before acting (the rest of the behaviour still applies). */
  delayMs?: number;
  /** 200 with a body that is not valid JSON. */
  malformed?: boolean;
  /** Destroy the socket without replying. */
  dropConnection?: boolean;
  /** The answer for this one request instead of the handler's. */
  content?: unknown;
  /** Reasoning to return: OpenAI message.reasoning_content (or `reasoningField`), Anthropic thinking block. */
  reasoning?: string;
  reasoningField?: 'reasoning_content' | 'reasoning';
  finishReason?: string;
  /** Token log-probabilities to return (OpenAI, when the request asks for them). */
  logprobs?: number[];
  usage?: { inputTokens: number; outputTokens: number };
}

/** The answer: a string is sent as text; anything else as JSON (the tool input, for Anthropic tool requests). */
export type MockHandler = (body: any, format: MockWireFormat) => unknown;

export interface MockLlmServerOptions {
  handler?: MockHandler;
  /** Bench mode: see the file comment. */
  instant?: boolean;
  /** Record requests (default true; false in instant mode). */
  record?: boolean;
}

export interface MockLlmServer {
  /** e.g. http://127.0.0.1:41234 (OpenAI base URL: `${url}/v1`; Anthropic base URL: url). */
  url: string;
  requests: MockRequest[];
  enqueue(...behaviours: MockBehaviour[]): void;
  /** Requests answered so far, recorded or not. */
  readonly served: number;
  close(): Promise<void>;
}

export async function startMockLlmServer(options: MockLlmServerOptions = {}): Promise<MockLlmServer> {
  const handler = options.handler ?? defaultHandler;
  const instant = options.instant ?? false;
  const record = options.record ?? !instant;
  const requests: MockRequest[] = [];
  const queue: MockBehaviour[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let served = 0;
  const instantReplies = {
    openai: jsonReply(openAIBody('mock', 'instant reply', undefined, { inputTokens: 10, outputTokens: 3 }, 'stop', undefined)),
    anthropic: jsonReply(anthropicBody('mock', 'instant reply', undefined, { inputTokens: 10, outputTokens: 3 }, 'end_turn', false)),
  };

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const format: MockWireFormat | undefined =
      path === '/v1/chat/completions' || path === '/chat/completions' ? 'openai' : path === '/v1/messages' ? 'anthropic' : undefined;
    if (req.method !== 'POST' || !format) {
      req.resume();
      send(res, 404, { error: { message: `mock server: no route ${req.method} ${path}`, type: 'not_found_error' } });
      return;
    }
    if (instant && queue.length === 0) {
      req.resume();
      req.on('end', () => {
        served++;
        const reply = instantReplies[format];
        res.writeHead(200, reply.headers);
        res.end(reply.body);
      });
      return;
    }
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => {
      served++;
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        send(res, 400, errorBody(format, 400, 'mock server: request body is not JSON'));
        return;
      }
      if (record) requests.push({ path, format, headers: req.headers, body });
      const behaviour = queue.shift() ?? {};
      if (behaviour.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          act(req, res, format, body, behaviour);
        }, behaviour.delayMs);
        timers.add(timer);
        // The client gave up (timeout): nothing left to answer.
        res.on('close', () => {
          clearTimeout(timer);
          timers.delete(timer);
        });
      } else {
        act(req, res, format, body, behaviour);
      }
    });
  });
  // Longer than the client agent's idle time, so benches never race a server-side close.
  server.keepAliveTimeout = 60_000;

  function act(req: http.IncomingMessage, res: http.ServerResponse, format: MockWireFormat, body: any, behaviour: MockBehaviour) {
    if (res.destroyed || res.writableEnded) return;
    if (behaviour.dropConnection) {
      req.socket.destroy();
      return;
    }
    const status = behaviour.status ?? 200;
    if (behaviour.rawBody !== undefined || behaviour.malformed) {
      const raw = behaviour.rawBody ?? '{"id": "broken", "choices": [{"message": {"content": "trunc';
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(raw), ...behaviour.headers });
      res.end(raw);
      return;
    }
    if (status < 200 || status >= 300) {
      send(res, status, errorBody(format, status, behaviour.errorMessage), behaviour.headers);
      return;
    }
    send(res, status, replyBody(format, body, behaviour), behaviour.headers);
  }

  function replyBody(format: MockWireFormat, body: any, behaviour: MockBehaviour): object {
    const wantsObject = format === 'openai' ? Boolean(body.response_format?.json_schema) : Boolean(body.tool_choice?.name);
    const answer = behaviour.content ?? handler(body, format);
    const usage = behaviour.usage ?? {
      inputTokens: Math.ceil(JSON.stringify(body.messages ?? []).length / 4),
      outputTokens: Math.ceil((typeof answer === 'string' ? answer.length : JSON.stringify(answer).length) / 4),
    };
    if (format === 'openai') {
      const content = typeof answer === 'string' ? answer : JSON.stringify(answer);
      const logprobs = body.logprobs ? (behaviour.logprobs ?? content.split(/\s+/).map((_, i) => -0.25 * (i % 3))) : undefined;
      const reasoning = behaviour.reasoning === undefined ? undefined : { field: behaviour.reasoningField ?? 'reasoning_content', text: behaviour.reasoning };
      return openAIBody(body.model, content, reasoning, usage, behaviour.finishReason ?? 'stop', logprobs);
    }
    const asTool = wantsObject && typeof answer !== 'string';
    const stop = behaviour.finishReason ?? (asTool ? 'tool_use' : 'end_turn');
    const blockValue = asTool ? answer : typeof answer === 'string' ? answer : JSON.stringify(answer);
    return anthropicBody(body.model, blockValue, behaviour.reasoning, usage, stop, asTool, body.tool_choice?.name);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue(...behaviours) {
      queue.push(...behaviours);
    },
    get served() {
      return served;
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Echo for text requests; an example object for schema (OpenAI) and tool (Anthropic) requests. */
export const defaultHandler: MockHandler = (body, format) => {
  if (format === 'openai' && body.response_format?.json_schema?.schema) return exampleForSchema(body.response_format.json_schema.schema);
  if (format === 'anthropic' && body.tool_choice?.name) {
    const tool = (body.tools ?? []).find((t: any) => t.name === body.tool_choice.name);
    if (tool) return exampleForSchema(tool.input_schema);
  }
  const messages: any[] = body.messages ?? [];
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const content = typeof lastUser?.content === 'string' ? lastUser.content : JSON.stringify(lastUser?.content ?? '');
  return `echo: ${content}`;
};

/** A small value matching common JSON Schema shapes: first enum value, 'text', 1, true, one array item. */
export function exampleForSchema(schema: any): unknown {
  if (!schema || typeof schema !== 'object') return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) return exampleForSchema((schema.oneOf ?? schema.anyOf)[0]);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || (type === undefined && schema.properties)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema.properties ?? {})) out[key] = exampleForSchema(value);
    return out;
  }
  if (type === 'array') return schema.items ? [exampleForSchema(schema.items)] : [];
  if (type === 'integer' || type === 'number') return typeof schema.minimum === 'number' ? schema.minimum : 1;
  if (type === 'boolean') return true;
  if (type === 'null') return null;
  return 'text';
}

function openAIBody(
  model: string,
  content: string,
  reasoning: { field: string; text: string } | undefined,
  usage: { inputTokens: number; outputTokens: number },
  finishReason: string,
  logprobs: number[] | undefined,
): object {
  const message: Record<string, unknown> = { role: 'assistant', content };
  if (reasoning) message[reasoning.field] = reasoning.text;
  return {
    id: 'chatcmpl-mock',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [
      {
        index: 0,
        message,
        logprobs: logprobs ? { content: logprobs.map((logprob, i) => ({ token: `t${i}`, logprob, bytes: null, top_logprobs: [] })) } : null,
        finish_reason: finishReason,
      },
    ],
    usage: { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens, total_tokens: usage.inputTokens + usage.outputTokens },
  };
}

function anthropicBody(
  model: string,
  answer: unknown,
  reasoning: string | undefined,
  usage: { inputTokens: number; outputTokens: number },
  stopReason: string,
  asTool: boolean,
  toolName = 'output',
): object {
  const content: object[] = [];
  if (reasoning !== undefined) content.push({ type: 'thinking', thinking: reasoning, signature: 'mock' });
  content.push(asTool ? { type: 'tool_use', id: 'toolu_mock', name: toolName, input: answer } : { type: 'text', text: answer });
  return {
    id: 'msg_mock',
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
  };
}

const anthropicErrorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

function errorBody(format: MockWireFormat, status: number, message = `mock error ${status}`): object {
  if (format === 'anthropic') return { type: 'error', error: { type: anthropicErrorTypes[status] ?? 'api_error', message } };
  return { error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'invalid_request_error', param: null, code: null } };
}

/** A string body, not a Buffer: Node then sends headers and body in one write instead of a writev. */
function jsonReply(value: object): { body: string; headers: http.OutgoingHttpHeaders } {
  const body = JSON.stringify(value);
  return { body, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } };
}

function send(res: http.ServerResponse, status: number, value: object, headers?: Record<string, string>): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
