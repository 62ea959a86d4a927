/**
 * The OpenAI Batch API: the requests go up as a JSONL file (POST /files, purpose "batch"), a batch
 * is created over it (POST /batches), polled (GET /batches/{id}), and once it has ended its output
 * and error files are read (GET /files/{id}/content). Lines carry our custom_id back.
 */
import { oneLine } from '../network-error.js';
import { OPENAI_DEFAULT_BASE_URL, openAIRequestBody, parseOpenAIResponse } from '../openai-engine.js';
import { ModelCallError, type ModelRequest } from '../types.js';
import type { BatchCheck, BatchClient, BatchItem, BatchOutcome } from './batch-client.js';
import { batchFetch, jsonLines } from './batch-http.js';

export interface OpenAIBatchClientOptions {
  modelName: string;
  baseURL?: string;
  apiKey?: string;
  /** Default "24h", the only window OpenAI offers. */
  completionWindow?: string;
}

const ENDED = new Set(['completed', 'failed', 'expired', 'cancelled']);

export function createOpenAIBatchClient(options: OpenAIBatchClientOptions): BatchClient {
  const baseURL = (options.baseURL ?? OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
  const json = { ...headers, 'content-type': 'application/json' };

  async function fileText(id: string, signal?: AbortSignal): Promise<string> {
    return batchFetch(`${baseURL}/files/${encodeURIComponent(id)}/content`, { headers, signal }, 'downloading batch results');
  }

  return {
    provider: 'openai',
    async submit(items: BatchItem[], signal?: AbortSignal): Promise<string> {
      const lines = items.map((item) =>
        JSON.stringify({ custom_id: item.customId, method: 'POST', url: '/v1/chat/completions', body: openAIRequestBody(options.modelName, item.request) }),
      );
      const form = new FormData();
      form.set('purpose', 'batch');
      form.set('file', new Blob([`${lines.join('\n')}\n`], { type: 'application/jsonl' }), 'synthkit-batch.jsonl');
      const file = JSON.parse(await batchFetch(`${baseURL}/files`, { method: 'POST', headers, body: form, signal }, 'uploading a batch file'));
      const body = JSON.stringify({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: options.completionWindow ?? '24h' });
      const batch = JSON.parse(await batchFetch(`${baseURL}/batches`, { method: 'POST', headers: json, body, signal }, 'creating a batch'));
      if (typeof batch?.id !== 'string') throw new ModelCallError(`creating a batch: no id in the reply from ${baseURL}`, { retryable: false });
      return batch.id;
    },
    async check(batchId: string, _requestOf: (customId: string) => ModelRequest | undefined, signal?: AbortSignal): Promise<BatchCheck> {
      const batch = JSON.parse(await batchFetch(`${baseURL}/batches/${encodeURIComponent(batchId)}`, { headers, signal }, 'checking a batch'));
      if (!ENDED.has(batch.status)) return { state: 'running' };
      const outcomes = new Map<string, BatchOutcome>();
      for (const fileId of [batch.output_file_id, batch.error_file_id]) {
        if (typeof fileId !== 'string') continue;
        for (const { value, line } of jsonLines(await fileText(fileId, signal))) {
          // biome-ignore lint/suspicious/noExplicitAny: a result line, read field by field
          const row = value as any;
          if (typeof row?.custom_id !== 'string') continue; // a line without its id cannot be routed; its call fails as missing
          outcomes.set(row.custom_id, outcomeOf(row, line, baseURL));
        }
      }
      const note = batch.status === 'failed' ? `batch ${batchId} failed: ${oneLine(JSON.stringify(batch.errors ?? {})).slice(0, 300)}` : undefined;
      return { state: 'ended', outcomes, note };
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: a result line
function outcomeOf(row: any, line: string, target: string): BatchOutcome {
  const status = row.response?.status_code;
  const code = row.error?.code ?? row.response?.body?.error?.code;
  if (code === 'batch_expired' || code === 'batch_cancelled') return { kind: 'resubmit', reason: code };
  if (status === 200) {
    try {
      return { kind: 'ok', response: parseOpenAIResponse(JSON.stringify(row.response.body), target) };
    } catch (error) {
      return { kind: 'error', error: error as ModelCallError };
    }
  }
  if (status === 429 || (typeof status === 'number' && status >= 500)) return { kind: 'resubmit', reason: `HTTP ${status}` };
  const message = row.error?.message ?? row.response?.body?.error?.message ?? oneLine(line).slice(0, 300);
  return { kind: 'error', error: new ModelCallError(`batch request failed${status ? ` (HTTP ${status})` : ''}: ${message}`, { retryable: false, status }) };
}
