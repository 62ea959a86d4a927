/**
 * Anthropic's Message Batches API: POST /v1/messages/batches with every request's params and
 * custom_id, GET /v1/messages/batches/{id} until processing_status is "ended", then the JSONL at
 * results_url, one line per request: succeeded, errored, canceled or expired.
 */
import { ANTHROPIC_DEFAULT_BASE_URL, ANTHROPIC_VERSION, anthropicRequestBody, isObjectSchema, parseAnthropicResponse } from '../anthropic-engine.js';
import { ModelCallError, type ModelRequest } from '../types.js';
import type { BatchCheck, BatchClient, BatchItem, BatchOutcome } from './batch-client.js';
import { batchFetch, jsonLines } from './batch-http.js';

export interface AnthropicBatchClientOptions {
  modelName: string;
  baseURL?: string;
  apiKey?: string;
  defaultMaxTokens?: number;
}

/** Errors the provider may not repeat: the request goes into a later batch. */
const PASSING = new Set(['api_error', 'overloaded_error', 'rate_limit_error']);

export function createAnthropicBatchClient(options: AnthropicBatchClientOptions): BatchClient {
  const baseURL = (options.baseURL ?? ANTHROPIC_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const headers: Record<string, string> = { 'anthropic-version': ANTHROPIC_VERSION, 'content-type': 'application/json' };
  if (options.apiKey) headers['x-api-key'] = options.apiKey;

  return {
    provider: 'anthropic',
    async submit(items: BatchItem[], signal?: AbortSignal): Promise<string> {
      const requests = items.map((item) => ({
        custom_id: item.customId,
        params: anthropicRequestBody(options.modelName, item.request, options.defaultMaxTokens ?? 1024),
      }));
      const body = JSON.stringify({ requests });
      const batch = JSON.parse(await batchFetch(`${baseURL}/v1/messages/batches`, { method: 'POST', headers, body, signal }, 'creating a message batch'));
      if (typeof batch?.id !== 'string') throw new ModelCallError(`creating a message batch: no id in the reply from ${baseURL}`, { retryable: false });
      return batch.id;
    },
    async check(batchId: string, requestOf: (customId: string) => ModelRequest | undefined, signal?: AbortSignal): Promise<BatchCheck> {
      const batch = JSON.parse(
        await batchFetch(`${baseURL}/v1/messages/batches/${encodeURIComponent(batchId)}`, { headers, signal }, 'checking a message batch'),
      );
      if (batch.processing_status !== 'ended') return { state: 'running' };
      const outcomes = new Map<string, BatchOutcome>();
      if (typeof batch.results_url !== 'string') return { state: 'ended', outcomes, note: `batch ${batchId} ended without results_url` };
      const text = await batchFetch(batch.results_url, { headers, signal }, 'downloading message batch results');
      for (const { value } of jsonLines(text)) {
        // biome-ignore lint/suspicious/noExplicitAny: a result line, read field by field
        const row = value as any;
        if (typeof row?.custom_id !== 'string') continue;
        // The answer of a non-object schema comes wrapped in a tool input.
        const schema = requestOf(row.custom_id)?.schema;
        outcomes.set(row.custom_id, outcomeOf(row.result, baseURL, Boolean(schema && !isObjectSchema(schema))));
      }
      return { state: 'ended', outcomes };
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: a result line's result
function outcomeOf(result: any, target: string, unwrapValue: boolean): BatchOutcome {
  switch (result?.type) {
    case 'succeeded':
      try {
        return { kind: 'ok', response: parseAnthropicResponse(JSON.stringify(result.message), target, unwrapValue) };
      } catch (error) {
        return { kind: 'error', error: error as ModelCallError };
      }
    case 'canceled':
    case 'expired':
      return { kind: 'resubmit', reason: result.type };
    case 'errored': {
      const type = result.error?.error?.type ?? result.error?.type;
      if (PASSING.has(type)) return { kind: 'resubmit', reason: type };
      return {
        kind: 'error',
        error: new ModelCallError(`batch request failed: ${type ?? 'error'}: ${result.error?.error?.message ?? ''}`, { retryable: false }),
      };
    }
    default:
      return {
        kind: 'error',
        error: new ModelCallError(`batch result line has no usable result: ${JSON.stringify(result)?.slice(0, 200)}`, { retryable: false }),
      };
  }
}
