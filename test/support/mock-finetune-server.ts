/**
 * A local server speaking the OpenAI Files and Fine-tuning wire format, for tests:
 * POST /v1/files (multipart, purpose=fine-tune), POST /v1/fine_tuning/jobs,
 * GET /v1/fine_tuning/jobs[?metadata[k]=v], GET /v1/fine_tuning/jobs/{id},
 * GET /v1/fine_tuning/jobs/{id}/events, POST /v1/fine_tuning/jobs/{id}/cancel.
 *
 * Each job moves one status per GET (validating_files -> queued -> running -> its outcome), with
 * the events the real API emits at those steps. Like the real service, file validation checks
 * every line of the training file (a JSON object in the chat or preference format) and fails the
 * job with `invalid_training_file` otherwise. `outcome` scripts the next jobs ('succeed', 'fail',
 * 'cancel' = cancelled by the service while running); `dropCreateReply` creates the job and then
 * drops the connection, as a crash between the create call and storing its id would look.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Outcome = 'succeed' | 'fail' | 'cancel';

interface Job {
  id: string;
  object: 'fine_tuning.job';
  model: string;
  created_at: number;
  finished_at: number | null;
  status: string;
  fine_tuned_model: string | null;
  training_file: string;
  validation_file: string | null;
  trained_tokens: number | null;
  error: { code: string; message: string; param: string | null } | null;
  metadata: Record<string, string> | null;
  method: unknown;
  seed: number;
  hyperparameters: Record<string, unknown>;
  result_files: string[];
  organization_id: string;
}

export interface MockFinetuneServer {
  url: string;
  files: Map<string, { filename: string; purpose: string; content: string }>;
  jobs: Map<string, Job>;
  /** Outcomes for the next jobs created, in order (default succeed). */
  outcomes: Outcome[];
  /** Drop the connection after creating the next job. */
  dropCreateReply: boolean;
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

const STEPS = ['validating_files', 'queued', 'running'];

function validLine(line: string, method: string): boolean {
  try {
    const row = JSON.parse(line);
    if (method === 'dpo') return Array.isArray(row.input?.messages) && Array.isArray(row.preferred_output) && Array.isArray(row.non_preferred_output);
    return (
      Array.isArray(row.messages) &&
      row.messages.every((m: { role?: unknown; content?: unknown }) => typeof m.role === 'string' && typeof m.content === 'string')
    );
  } catch {
    return false;
  }
}

export async function startMockFinetuneServer(apiKey = 'test-key'): Promise<MockFinetuneServer> {
  let seq = 0;
  const nextId = (prefix: string) => `${prefix}-${(++seq).toString().padStart(6, '0')}`;
  const events = new Map<string, { object: string; id: string; created_at: number; level: string; message: string; type: string; data: unknown }[]>();
  const outcomes = new Map<string, Outcome>();
  const state: MockFinetuneServer = {
    url: '',
    files: new Map(),
    jobs: new Map(),
    outcomes: [],
    dropCreateReply: false,
    requests: [],
    close: () => new Promise((r) => server.close(() => r())),
  };
  const emit = (job: Job, message: string, level = 'info') =>
    events.get(job.id)!.push({ object: 'fine_tuning.job.event', id: nextId('ftevent'), created_at: seq, level, message, type: 'message', data: null });

  const advance = (job: Job) => {
    if (['succeeded', 'failed', 'cancelled'].includes(job.status)) return;
    const outcome = outcomes.get(job.id)!;
    const i = STEPS.indexOf(job.status);
    if (job.status === 'validating_files') {
      const file = state.files.get(job.training_file)!;
      const method = (job.method as { type: string }).type;
      const bad = file.content
        .split('\n')
        .filter((l) => l.trim())
        .findIndex((l) => !validLine(l, method));
      if (bad >= 0) {
        job.status = 'failed';
        job.error = {
          code: 'invalid_training_file',
          message: `The job failed due to an invalid training file. Line ${bad + 1} is not in the ${method} format.`,
          param: 'training_file',
        };
        emit(job, job.error.message, 'error');
        return;
      }
      emit(job, 'Files validated, moving job to queued state');
    }
    if (i < STEPS.length - 1) {
      job.status = STEPS[i + 1];
      emit(job, job.status === 'running' ? 'Fine-tuning job started' : 'Job enqueued');
      return;
    }
    if (outcome === 'fail') {
      job.status = 'failed';
      job.error = { code: 'server_error', message: 'The job failed due to an internal error.', param: null };
      emit(job, job.error.message, 'error');
    } else if (outcome === 'cancel') {
      job.status = 'cancelled';
      emit(job, 'Job cancelled');
    } else {
      emit(job, 'Step 1/2: training loss=1.23');
      emit(job, 'Step 2/2: training loss=0.98');
      job.status = 'succeeded';
      job.fine_tuned_model = `ft:${job.model}:synthkit::${job.id.slice(-6)}`;
      job.trained_tokens = 1234;
      job.finished_at = seq;
      emit(job, `New fine-tuned model created: ${job.fine_tuned_model}`);
      emit(job, 'The job has successfully completed');
    }
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://localhost');
    state.requests.push({ method: req.method ?? '', path: url.pathname });
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const error = (status: number, message: string, param: string | null = null) =>
      send(status, { error: { message, type: 'invalid_request_error', param, code: null } });
    if (req.headers.authorization !== `Bearer ${apiKey}`) return error(401, 'Incorrect API key provided.');

    if (req.method === 'POST' && url.pathname === '/v1/files') {
      const form = await new Request('http://localhost/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body }).formData();
      const file = form.get('file');
      if (form.get('purpose') !== 'fine-tune') return error(400, "purpose must be 'fine-tune'", 'purpose');
      if (!(file instanceof Blob)) return error(400, 'file is required', 'file');
      const id = nextId('file');
      const content = await file.text();
      const filename = (file as File).name;
      state.files.set(id, { filename, purpose: 'fine-tune', content });
      return send(200, { id, object: 'file', bytes: Buffer.byteLength(content), created_at: seq, filename, purpose: 'fine-tune' });
    }
    if (url.pathname === '/v1/fine_tuning/jobs') {
      if (req.method === 'GET') {
        const filters = [...url.searchParams].flatMap(([k, v]) => {
          const m = /^metadata\[(.+)\]$/.exec(k);
          return m ? [[m[1], v] as const] : [];
        });
        const data = [...state.jobs.values()].filter((j) => filters.every(([k, v]) => j.metadata?.[k] === v)).reverse();
        return send(200, { object: 'list', data, has_more: false });
      }
      const request = JSON.parse(body.toString('utf8'));
      if (typeof request.model !== 'string') return error(400, 'model is required', 'model');
      if (!state.files.has(request.training_file)) return error(400, `invalid training_file: ${request.training_file}`, 'training_file');
      if (request.validation_file && !state.files.has(request.validation_file))
        return error(400, `invalid validation_file: ${request.validation_file}`, 'validation_file');
      const type = request.method?.type;
      if (type !== 'supervised' && type !== 'dpo') return error(400, 'method.type must be supervised or dpo', 'method');
      const job: Job = {
        id: nextId('ftjob'),
        object: 'fine_tuning.job',
        model: request.model,
        created_at: seq,
        finished_at: null,
        status: 'validating_files',
        fine_tuned_model: null,
        training_file: request.training_file,
        validation_file: request.validation_file ?? null,
        trained_tokens: null,
        error: null,
        metadata: request.metadata ?? null,
        method: request.method,
        seed: request.seed ?? 42,
        hyperparameters: request.method[type]?.hyperparameters ?? {},
        result_files: [],
        organization_id: 'org-test',
      };
      state.jobs.set(job.id, job);
      events.set(job.id, []);
      outcomes.set(job.id, state.outcomes.shift() ?? 'succeed');
      emit(job, `Validating training file: ${job.training_file}`);
      if (state.dropCreateReply) {
        state.dropCreateReply = false;
        req.socket.destroy();
        return;
      }
      return send(200, job);
    }
    const match = /^\/v1\/fine_tuning\/jobs\/([^/]+)(\/events|\/cancel)?$/.exec(url.pathname);
    const job = match ? state.jobs.get(match[1]) : undefined;
    if (match && !job) return error(404, `Could not find fine-tune: ${match[1]}`);
    if (job && req.method === 'GET' && !match![2]) {
      advance(job);
      return send(200, job);
    }
    if (job && req.method === 'GET' && match![2] === '/events') {
      const limit = Number(url.searchParams.get('limit') ?? 20);
      return send(200, { object: 'list', data: [...events.get(job.id)!].reverse().slice(0, limit), has_more: false });
    }
    if (job && req.method === 'POST' && match![2] === '/cancel') {
      if (['succeeded', 'failed', 'cancelled'].includes(job.status)) return error(400, `Job has already completed: ${job.id}`);
      job.status = 'cancelled';
      emit(job, 'Job cancelled by user');
      return send(200, job);
    }
    error(404, `no route ${req.method} ${url.pathname}`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return state;
}
