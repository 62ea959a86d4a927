/**
 * The studio under load, from the built code in dist/:
 * 1. the dataset browser over N records (default 100k): page, sort, filter and search requests
 *    as htmx sends them from the moment the studio opens the dataset, p50/p95 response time
 *    (target p95 < 200 ms), apart for requests made while the index is built and warmed (PII
 *    counts) and for those made after;
 * 2. what a studio process watching a live generation (status and a browser page every second)
 *    adds to that generation's wall time (target < 10%), alternating runs with and without it.
 * Usage: studio-bench.ts [records=100000] [generation records=4000] [--browse-only (part 1 alone)]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunStore } from '../dist/store/run-store.js';
import { generate } from '../dist/pipeline/run-pipeline.js';
import { startStudio } from '../dist/studio/start-studio.js';
import { quantileSorted } from '../dist/core/quantiles.js';
import { ROOT, print, startServerProcess, tempDir } from './support.js';

const N = Number(process.argv[2] ?? 100_000);
const GENERATE_N = Number(process.argv[3] ?? 4000);
const quantile = (values: number[], q: number) =>
  quantileSorted(
    [...values].sort((a, b) => a - b),
    q,
  );

function makeRun(records: number): string {
  const dir = tempDir();
  const store = new RunStore(dir);
  const topics = ['fees', 'access', 'waiting times', 'staff', 'parking'];
  for (let i = 0; i < records; i++) {
    const topic = topics[i % topics.length];
    const text = `Record ${i}: a complaint about ${topic} at clinic ${i % 97}. ${i % 13 === 0 ? `Reach me at person${i}@example.com. ` : ''}The ${topic} problem has gone on for ${i % 30} days and nobody answers the phone.`;
    store.queueRecord({
      idx: i,
      data: { topic, clinic: i % 97, text, _logprobs: { text: { mean: -(i % 10) / 10, min: -(i % 10) / 3 } } },
      valid: i % 17 !== 0,
      errors: [],
    });
    if (i % 5000 === 4999) store.flush();
  }
  store.close();
  return dir;
}

function browsePaths(): string[] {
  const paths: string[] = [];
  for (let p = 0; p < 10; p++) paths.push(`data?page=${p * 97}`);
  for (const sort of ['topic', 'clinic', 'text', '_valid', '_logprobs.text.mean'])
    paths.push(`data?sort=${sort}&dir=desc&page=3`, `data?sort=${sort}&page=500`);
  for (const [field, op, value] of [
    ['topic', 'eq', 'access'],
    ['clinic', 'gt', '50'],
    ['text', 'contains', 'parking'],
    ['_valid', 'eq', '0'],
    ['pii', 'gt', '0'],
    ['_logprobs.text.mean', 'lt', '-0.5'],
  ])
    paths.push(
      `data?field=${field}&op=${op}&value=${encodeURIComponent(value)}`,
      `data?field=${field}&op=${op}&value=${encodeURIComponent(value)}&sort=clinic&page=20`,
    );
  for (const q of ['clinic 42', 'parking phone', 'example', 'nobody answers'])
    paths.push(`data?q=${encodeURIComponent(q)}`, `data?q=${encodeURIComponent(q)}&sort=topic&dir=desc&page=2`);
  return paths;
}

// --- 1. browsing N records ------------------------------------------------------------------------
// Requests start at once, so the first ones meet the index being built (records read in slices)
// and the ones after it the warm-up (PII counts); each request is counted under the state its
// page reports (`data-indexing`, "PII scan n%"), so the p95 while indexing and the p95 after it
// are measured apart.
type IndexState = 'building' | 'warming' | 'ready';
const stateOf = (page: string): IndexState => (/data-indexing=/.test(page) ? 'building' : /PII scan \d+%/.test(page) ? 'warming' : 'ready');

async function timedState(url: string): Promise<{ ms: number; state: IndexState }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { 'hx-request': 'true' } });
  const text = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${url}: ${response.status} ${text.slice(0, 200)}`);
  return { ms, state: stateOf(text) };
}

{
  const dir = makeRun(N);
  const studio = await startStudio({ runs: [dir], port: 0 });
  try {
    const started = performance.now();
    const byState: Record<IndexState, number[]> = { building: [], warming: [], ready: [] };
    const first = await timedState(`${studio.url}runs/r0/data`);
    byState[first.state].push(first.ms);
    let builtS: number | undefined = first.state === 'building' ? undefined : (performance.now() - started) / 1000;
    let warmS: number | undefined;
    let readyRounds = 0;
    const paths = browsePaths();
    while (readyRounds < 2 && performance.now() - started < 300_000) {
      let sawReady = false;
      for (const path of paths) {
        const r = await timedState(`${studio.url}runs/r0/${path}`);
        byState[r.state].push(r.ms);
        const at = (performance.now() - started) / 1000;
        if (r.state !== 'building') builtS ??= at;
        if (r.state === 'ready') {
          warmS ??= at;
          sawReady = true;
        }
      }
      // Only whole rounds with the index ready count towards the two "after" rounds.
      if (sawReady && byState.ready.length >= paths.length * (readyRounds + 1)) readyRounds++;
    }
    const during = [...byState.building, ...byState.warming];
    const stats = (label: string, values: number[], target = '') => {
      if (values.length === 0) return print(`studio.${label}`, 'no requests');
      print(`studio.${label}_requests`, values.length);
      print(`studio.${label}_p50_ms`, quantile(values, 0.5));
      print(`studio.${label}_p95_ms${target}`, quantile(values, 0.95));
      print(`studio.${label}_max_ms`, Math.max(...values));
    };
    print('studio.records', N);
    print('studio.first_request_ms (starts the index build)', Math.round(first.ms));
    print('studio.index_built_after_s', builtS ?? 'not built');
    print('studio.warmup_finished_after_s (PII counts)', warmS ?? 'not finished');
    stats('browse_while_building', byState.building);
    stats('browse_while_warming', byState.warming);
    stats('browse_during_indexing', during, ' (building + warm-up; target < 200)');
    stats('browse_after_indexing', byState.ready, ' (target < 200)');
  } finally {
    await studio.close();
  }
}

if (process.argv.includes('--browse-only')) process.exit(0);

// --- 2. a generation's wall time, with and without a studio watching it --------------------------
async function startStudioProcess(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/synthkit.js'), 'studio', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      const m = /(http:\/\/\S+)/.exec(String(d));
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`studio exited with ${code}`)));
  });
  return { url, child };
}

/** CPU seconds a child process has used so far (user + system, from /proc; 0 where there is none). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function generation(url: string, watched: boolean): Promise<{ wallMs: number; cpuS: number; studioCpuS: number }> {
  const out = tempDir();
  new RunStore(out).close();
  let studio: { url: string; child: ChildProcess } | undefined;
  let poller: ChildProcess | undefined;
  if (watched) {
    studio = await startStudioProcess(out);
    poller = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/studio-poller-process.ts'), studio.url], { stdio: ['ignore', 'pipe', 'inherit'] });
    // The studio is already open when a generation starts: its start-up is not the generation's cost.
    await new Promise<void>((resolve) => poller!.stdout!.once('data', () => resolve()));
  }
  const studioCpu0 = cpuSeconds(studio?.child.pid);
  const cpu0 = process.cpuUsage();
  try {
    const summary = await generate(
      {
        records: GENERATE_N,
        models: { m: { engine: 'openai-compatible', model: 'bench-model', base_url: `${url}/v1`, concurrency: 64 } },
        columns: [
          { name: 'topic', kind: 'category', values: ['a', 'b', 'c'] },
          { name: 'text', kind: 'llm-text', model: 'm', prompt: 'Write item about {{ topic }}.' },
        ],
        cache: false,
      },
      { out },
    );
    const cpu = process.cpuUsage(cpu0);
    return { wallMs: summary.wallMs, cpuS: (cpu.user + cpu.system) / 1e6, studioCpuS: cpuSeconds(studio?.child.pid) - studioCpu0 };
  } finally {
    poller?.kill('SIGTERM');
    studio?.child.kill('SIGTERM');
  }
}

// This machine is shared, so wall times swing between runs: runs come in pairs (alone, watched),
// the order alternating, and the figure is the median of the pairs' ratios. The studio's own CPU
// time beside the generation's is the load-independent view of the same cost.
const PAIRS = 5;
const { url, child } = await startServerProcess();
try {
  await generation(url, false); // warm-up
  const ratios: number[] = [];
  const alone: number[] = [];
  const watched: number[] = [];
  const cpuShares: number[] = [];
  for (let pair = 0; pair < PAIRS; pair++) {
    const order = pair % 2 === 0 ? [false, true] : [true, false];
    const result: Record<string, Awaited<ReturnType<typeof generation>>> = {};
    for (const w of order) result[String(w)] = await generation(url, w);
    alone.push(result.false.wallMs);
    watched.push(result.true.wallMs);
    ratios.push(result.true.wallMs / result.false.wallMs);
    cpuShares.push(result.true.studioCpuS / result.true.cpuS);
  }
  print('studio.generation_records', GENERATE_N);
  print(`studio.generation_wall_ms_alone (median of ${PAIRS})`, Math.round(quantile(alone, 0.5)));
  print(`studio.generation_wall_ms_watched (median of ${PAIRS})`, Math.round(quantile(watched, 0.5)));
  print('studio.generation_wall_ratios', ratios.map((r) => r.toFixed(2)).join(' '));
  print('studio.generation_overhead_pct (median pair; target < 10)', (quantile(ratios, 0.5) - 1) * 100);
  print('studio.studio_cpu_pct_of_generation_cpu', quantile(cpuShares, 0.5) * 100);
} finally {
  child.kill('SIGTERM');
}
