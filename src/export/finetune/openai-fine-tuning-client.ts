/**
 * The OpenAI Files and Fine-tuning API (platform.openai.com/docs/api-reference/fine-tuning), or any
 * server speaking it: upload a JSONL file (POST /files, multipart, purpose=fine-tune), create a job
 * (POST /fine_tuning/jobs with `method: { type: supervised | dpo }`), read it back
 * (GET /fine_tuning/jobs/{id}), list its events (GET /fine_tuning/jobs/{id}/events), list jobs by
 * metadata (GET /fine_tuning/jobs?metadata[k]=v), cancel it (POST /fine_tuning/jobs/{id}/cancel).
 *
 * Global fetch rather than the engines' undici pool: a fine-tuning session makes a few dozen calls
 * over minutes, so connection reuse does not matter, and fetch has multipart FormData built in.
 */
import { ExportError } from '../training/export-error.js';

export const JOB_STATUSES = ['validating_files', 'queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const TERMINAL: ReadonlySet<string> = new Set(['succeeded', 'failed', 'cancelled']);

export interface FineTuningJob {
  id: string;
  object: 'fine_tuning.job';
  model: string;
  status: JobStatus;
  fine_tuned_model: string | null;
  training_file: string;
  validation_file: string | null;
  trained_tokens?: number | null;
  error?: { code?: string; message?: string; param?: string | null } | null;
  metadata?: Record<string, string> | null;
  estimated_finish?: number | null;
}

export interface JobEvent {
  id: string;
  created_at: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  type?: string;
  data?: Record<string, unknown> | null;
}

export interface CreateJobRequest {
  model: string;
  training_file: string;
  validation_file?: string;
  suffix?: string;
  seed?: number;
  metadata?: Record<string, string>;
  method: { type: 'supervised'; supervised: { hyperparameters: Record<string, unknown> } } | { type: 'dpo'; dpo: { hyperparameters: Record<string, unknown> } };
}

/** An HTTP failure of the fine-tuning API, with the server's own message. */
export class FineTuningApiError extends ExportError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface FineTuningClientOptions {
  /** API root including /v1 (default https://api.openai.com/v1). */
  baseUrl?: string;
  apiKey: string;
  signal?: AbortSignal;
}

export function createFineTuningClient(options: FineTuningClientOptions) {
  const base = (options.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${options.apiKey}` }, signal: options.signal };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, init);
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ExportError(
        `cannot reach the fine-tuning API at ${base}: ${((error as Error).cause as Error)?.message ?? (error as Error).message}; check --base-url`,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text.slice(0, 300);
      try {
        message = JSON.parse(text).error?.message ?? message;
      } catch {}
      const hint = response.status === 401 ? ' (check the API key variable)' : '';
      throw new FineTuningApiError(`${method} ${path} failed with HTTP ${response.status}: ${message}${hint}`, response.status);
    }
    return JSON.parse(text) as T;
  };
  return {
    async uploadFile(name: string, content: string | Uint8Array): Promise<{ id: string; bytes: number; filename: string }> {
      const form = new FormData();
      form.append('purpose', 'fine-tune');
      form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type: 'application/jsonl' }), name);
      return call('POST', '/files', form);
    },
    createJob: (request: CreateJobRequest) => call<FineTuningJob>('POST', '/fine_tuning/jobs', request),
    getJob: (id: string) => call<FineTuningJob>('GET', `/fine_tuning/jobs/${encodeURIComponent(id)}`),
    cancelJob: (id: string) => call<FineTuningJob>('POST', `/fine_tuning/jobs/${encodeURIComponent(id)}/cancel`),
    /** Events newest first, as the API returns them; `after` is an event id. */
    listEvents: (id: string, after?: string) =>
      call<{ data: JobEvent[]; has_more: boolean }>(
        'GET',
        `/fine_tuning/jobs/${encodeURIComponent(id)}/events?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      ),
    findJobsByMetadata: (key: string, value: string) =>
      call<{ data: FineTuningJob[] }>('GET', `/fine_tuning/jobs?limit=100&metadata[${encodeURIComponent(key)}]=${encodeURIComponent(value)}`),
  };
}

export type FineTuningClient = ReturnType<typeof createFineTuningClient>;
