/**
 * Orchestration overhead: synthkit generating N records with one LLM column against an
 * OpenAI-compatible server that answers instantly (concurrency 64, checkpointing on), versus a
 * bare loop of the same N requests with node:http and a keep-alive agent. Same run, same server.
 * It measures the built code in dist/ (what `npx synthkit` runs), not the TypeScript sources.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { generate } from '../dist/pipeline/run-pipeline.js';
import { openAIRequestBody } from '../dist/models/openai-engine.js';
import { oneColumnRecipe, print, startServerProcess, tempDir, withPeakRss } from './support.js';

const N = Number((process.argv[2] === '--cold-run' ? process.argv[4] : process.argv[2]) ?? 10_000);
const CONCURRENCY = 64;

async function bareLoop(url: string): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const target = new URL(`${url}/v1/chat/completions`);
  let next = 0;
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify(openAIRequestBody('bench-model', { messages: [{ role: 'user', content: `Write item ${i}.` }], seed: i }));
      const req = http.request(
        target,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            JSON.parse(Buffer.concat(chunks).toString('utf8'));
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) await one(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return N / seconds;
}

async function synthkitRun(url: string, records = N): Promise<{ rps: number; generateRps: number; peakMb: number }> {
  const out = tempDir();
  const { result, peakMb } = await withPeakRss(() => generate(oneColumnRecipe(url, records, CONCURRENCY), { out }));
  if (result.valid !== records) throw new Error(`expected ${records} valid records, got ${result.valid}`);
  // Wall time includes loading and writing dataset.jsonl/csv/parquet; the generation phase is records only.
  return { rps: records / (result.wallMs / 1000), generateRps: records / (result.timings.generateMs / 1000), peakMb };
}

/** One cold synthkit run of N records in a fresh process (what a user's run takes): its peak RSS in MB (VmHWM). */
function coldRunPeakMb(url: string): number {
  const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--cold-run', url, String(N)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const mb = Number(/peak_mb=([\d.]+)/.exec(r.stdout)?.[1]);
  if (r.status !== 0 || !Number.isFinite(mb)) throw new Error(`cold run failed (exit ${r.status}): ${r.stdout}`);
  return mb;
}

if (process.argv[2] === '--cold-run') {
  await synthkitRun(process.argv[3]);
  const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
  process.stdout.write(`peak_mb=${kb / 1000}\n`);
  process.exit(0);
}

const { url, child } = await startServerProcess();
try {
  // Warm both paths with the same full run so JIT, GC sizing and connection setup favour neither
  // (a 2,000-record warm-up left synthkit's first measured run 20-30% below its later ones).
  await bareLoop(url);
  await synthkitRun(url);
  const bare = await bareLoop(url);
  const ours = await synthkitRun(url);
  print('generate.records', N);
  print('generate.bare_keepalive_requests_per_s', Math.round(bare));
  print('generate.synthkit_records_per_s', Math.round(ours.rps));
  print('generate.ratio_synthkit_to_bare (target >= 0.5)', ours.rps / bare);
  print('generate.synthkit_generation_phase_records_per_s', Math.round(ours.generateRps));
  print('generate.ratio_generation_phase_to_bare', ours.generateRps / bare);
  // The warm process has run the bare loop and a warm-up too; memory is measured as a user's run
  // takes it: one cold run of N records in a process of its own.
  print('generate.synthkit_peak_rss_mb_warm_process (after the warm-up run)', Math.round(ours.peakMb));
  print('generate.synthkit_peak_rss_mb_one_run (fresh process; target < 300)', Math.round(coldRunPeakMb(url)));
} finally {
  child.kill('SIGTERM');
}
