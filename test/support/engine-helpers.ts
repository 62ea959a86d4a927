import { withRetry } from '../../src/models/retry.js';
import type { ModelEngine } from '../../src/models/types.js';

/** Wraps an engine in retries that record their delays instead of waiting. */
export function retrying(inner: ModelEngine, sleeps: number[]): ModelEngine {
  return withRetry(inner, {
    maxRetries: 3,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

/** The error a promise rejects with; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}
