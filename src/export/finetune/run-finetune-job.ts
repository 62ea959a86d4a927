/**
 * `synthkit finetune <run> --provider openai`: uploads the run's exported OpenAI-format files,
 * creates a supervised or DPO job, follows it to the end, and records the fine-tuned model id in
 * the run. Everything the job needs to be found again is stored in the run database (meta key
 * `finetune`) before the call that could leave it orphaned:
 * - file ids after each upload (an unchanged file, by sha256, is not uploaded twice);
 * - a random token before the create call, sent as the job's `metadata.synthkit_token`: if the
 *   process dies after the server created the job but before its id was stored, a resume finds the
 *   job by that metadata instead of creating a second one;
 * - the job id as soon as the create call answers, then its status on every poll.
 * A resume (running the command again) follows the stored job; a failed or cancelled job is
 * reported, and only `restart` creates a new one. The API key is read from the environment and
 * never stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RunStore } from '../../store/run-store.js';
import { ExportError } from '../training/export-error.js';
import { createFineTuningClient, TERMINAL, type FineTuningClient, type FineTuningJob, type JobEvent } from './openai-fine-tuning-client.js';

export const FINETUNE_META = 'finetune';

export interface FinetuneState {
  provider: 'openai';
  /** The API's origin (never a key). */
  base_url: string;
  model: string;
  method: 'supervised' | 'dpo';
  files: Partial<Record<'train' | 'validation', { sha256: string; id: string }>>;
  token?: string;
  job_id?: string;
  status?: string;
  fine_tuned_model?: string | null;
  error?: string;
}

export type FinetuneEvent =
  | { type: 'uploaded'; split: string; fileId: string }
  | { type: 'created'; jobId: string }
  | { type: 'resumed'; jobId: string; status: string }
  | { type: 'status'; status: string }
  | { type: 'event'; event: JobEvent };

export interface FinetuneOptions {
  model: string;
  method?: 'supervised' | 'dpo';
  apiKey: string;
  baseUrl?: string;
  suffix?: string;
  seed?: number;
  hyperparameters?: Record<string, unknown>;
  /** Folder holding openai-chat/ or openai-dpo/ (default <run>/export). */
  exportDir?: string;
  /** Time between polls (default 10 s: jobs take minutes; the API's rate limits are per minute). */
  pollMs?: number;
  /** Create a new job although the stored one failed or was cancelled. */
  restart?: boolean;
  /** Return once the job is created (or found), without following it. */
  detach?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: FinetuneEvent) => void;
  /** For tests: a client to use instead of one built from baseUrl/apiKey. */
  client?: FineTuningClient;
}

export class FinetuneJobError extends ExportError {
  constructor(
    message: string,
    readonly job: FineTuningJob,
  ) {
    super(message);
  }
}

export function readFinetuneState(runDir: string): FinetuneState | undefined {
  const store = new RunStore(resolve(runDir));
  try {
    const text = store.getMeta(FINETUNE_META);
    return text ? (JSON.parse(text) as FinetuneState) : undefined;
  } finally {
    store.close();
  }
}

export async function runFinetuneJob(runDir: string, options: FinetuneOptions): Promise<FinetuneState> {
  const dir = resolve(runDir);
  if (!existsSync(join(dir, 'run.sqlite'))) throw new ExportError(`${runDir} is not a synthkit run directory (no run.sqlite)`);
  const method = options.method ?? 'supervised';
  const format = method === 'dpo' ? 'openai-dpo' : 'openai-chat';
  const folder = join(resolve(options.exportDir ?? join(dir, 'export')), format);
  const trainFile = join(folder, 'train.jsonl');
  if (!existsSync(trainFile))
    throw new ExportError(
      `no ${format} export in ${runDir}: run \`synthkit export ${runDir} --format ${format}\` first (the recipe's or --with config gives the mapping)`,
    );
  const client = options.client ?? createFineTuningClient({ baseUrl: options.baseUrl, apiKey: options.apiKey, signal: options.signal });
  const baseUrl = new URL(options.baseUrl ?? 'https://api.openai.com/v1').origin;

  const store = new RunStore(dir);
  const save = (state: FinetuneState) => store.setMeta(FINETUNE_META, JSON.stringify(state));
  try {
    const stored = store.getMeta(FINETUNE_META);
    let state: FinetuneState | undefined = stored ? JSON.parse(stored) : undefined;
    if (state?.job_id && !options.restart) {
      if (state.status === 'failed' || state.status === 'cancelled')
        throw new ExportError(
          `the stored fine-tuning job ${state.job_id} ${state.status}${state.error ? `: ${state.error}` : ''}; pass --restart to create a new job`,
        );
    } else if (state?.token && !state.job_id && !options.restart) {
      // The create call may have reached the server before a crash: find the job by its token.
      const found = (await client.findJobsByMetadata('synthkit_token', state.token)).data[0];
      if (found) {
        state = { ...state, job_id: found.id, status: found.status };
        save(state);
      }
    }

    if (!state?.job_id || options.restart) {
      const previous = state?.files ?? {};
      const files: FinetuneState['files'] = {};
      for (const split of ['train', 'validation'] as const) {
        const path = join(folder, `${split}.jsonl`);
        if (!existsSync(path)) continue;
        const content = readFileSync(path);
        const sha256 = createHash('sha256').update(content).digest('hex');
        const reuse = previous[split]?.sha256 === sha256 ? previous[split] : undefined;
        const id = reuse?.id ?? (await client.uploadFile(`${basename(dir)}-${format}-${split}.jsonl`, content)).id;
        files[split] = { sha256, id };
        if (!reuse) options.onEvent?.({ type: 'uploaded', split, fileId: id });
        save({ provider: 'openai', base_url: baseUrl, model: options.model, method, files });
      }
      const token = randomBytes(12).toString('hex');
      state = { provider: 'openai', base_url: baseUrl, model: options.model, method, files, token };
      save(state);
      const hyperparameters = options.hyperparameters ?? {};
      const job = await client.createJob({
        model: options.model,
        training_file: files.train!.id,
        ...(files.validation ? { validation_file: files.validation.id } : {}),
        ...(options.suffix ? { suffix: options.suffix } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        metadata: { synthkit_token: token, synthkit_run: basename(dir) },
        method: method === 'dpo' ? { type: 'dpo', dpo: { hyperparameters } } : { type: 'supervised', supervised: { hyperparameters } },
      });
      state = { ...state, job_id: job.id, status: job.status };
      save(state);
      options.onEvent?.({ type: 'created', jobId: job.id });
    } else {
      options.onEvent?.({ type: 'resumed', jobId: state.job_id, status: state.status ?? 'unknown' });
    }
    if (options.detach) return state;
    return await follow(client, state, save, options);
  } finally {
    store.close();
  }
}

async function follow(client: FineTuningClient, initial: FinetuneState, save: (s: FinetuneState) => void, options: FinetuneOptions): Promise<FinetuneState> {
  let state = initial;
  const seen = new Set<string>();
  const pollMs = options.pollMs ?? 10_000;
  for (;;) {
    const job = await client.getJob(state.job_id!);
    // Events come newest first; print the unseen ones oldest first.
    const events = (await client.listEvents(job.id)).data.filter((e) => !seen.has(e.id)).reverse();
    for (const event of events) {
      seen.add(event.id);
      options.onEvent?.({ type: 'event', event });
    }
    if (job.status !== state.status) options.onEvent?.({ type: 'status', status: job.status });
    state = { ...state, status: job.status, fine_tuned_model: job.fine_tuned_model, ...(job.error?.message ? { error: job.error.message } : {}) };
    save(state);
    if (TERMINAL.has(job.status)) {
      if (job.status === 'succeeded') return state;
      throw new FinetuneJobError(
        job.status === 'failed'
          ? `fine-tuning job ${job.id} failed: ${job.error?.message ?? 'no reason given'}${job.error?.code ? ` (${job.error.code})` : ''}`
          : `fine-tuning job ${job.id} was cancelled`,
        job,
      );
    }
    await sleep(pollMs, undefined, { signal: options.signal });
  }
}

/** Cancels the run's stored job. */
export async function cancelFinetuneJob(runDir: string, client: FineTuningClient): Promise<FineTuningJob> {
  const state = readFinetuneState(runDir);
  if (!state?.job_id) throw new ExportError(`${runDir} has no fine-tuning job to cancel`);
  const job = await client.cancelJob(state.job_id);
  const store = new RunStore(resolve(runDir));
  try {
    store.setMeta(FINETUNE_META, JSON.stringify({ ...state, status: job.status }));
  } finally {
    store.close();
  }
  return job;
}
