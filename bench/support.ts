import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'synthkit-bench-'));
}

/** Starts the instant mock server in a child process; resolves with its URL. */
export async function startServerProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/mock-server-process.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stdout!.once('data', (d) => resolveUrl(String(d).trim()));
    child.once('exit', (code) => reject(new Error(`mock server exited with ${code}`)));
  });
  return { url, child };
}

/** Tracks the peak resident memory of this process while `fn` runs. */
export async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMb: peak / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

export function print(name: string, value: string | number): void {
  process.stdout.write(`${name}: ${typeof value === 'number' ? (Number.isInteger(value) ? value : value.toFixed(3)) : value}\n`);
}

/**
 * The recipe the throughput benches generate: one sampled category and one LLM text column against
 * the instant server, cache off (every call goes over HTTP). `extra` adds recipe fields.
 */
export function oneColumnRecipe(url: string, records: number, concurrency: number, extra: Record<string, unknown> = {}) {
  return {
    records,
    models: { m: { engine: 'openai-compatible' as const, model: 'bench-model', base_url: `${url}/v1`, concurrency } },
    columns: [
      { name: 'topic', kind: 'category' as const, values: ['a', 'b', 'c'] },
      { name: 'text', kind: 'llm-text' as const, model: 'm', prompt: 'Write item about {{ topic }}.' },
    ],
    cache: false,
    ...extra,
  };
}
