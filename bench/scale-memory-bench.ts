/**
 * Memory at scale: synthkit generating N records (one category column, one llm-text column)
 * against the instant mock server (concurrency 64, cache off), then exporting them as
 * dataset.jsonl/csv/parquet, and the same for N/10. For each size and each phase (generation,
 * export) it prints records/s, the peak resident memory (VmHWM from /proc/self/status, reset
 * between the phases) and the peak V8 heap used (sampled every 20 ms), plus the live heap after a
 * full GC at the end of generation: the per-record state still held. Memory is bounded when the
 * N figures are close to the N/10 ones (ratios near 1, not 10).
 *
 * Each size runs in its own process (with --expose-gc), so one size's heap does not inflate the
 * other's peak. It measures the built code in dist/: run `npm run build` first.
 *
 *   node --import tsx bench/scale-memory-bench.ts [N=1000000]
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { oneColumnRecipe, print, ROOT, startServerProcess, tempDir } from './support.js';

const CONCURRENCY = 64;

interface PhaseFigures {
  recordsPerS: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
}
interface SizeFigures {
  records: number;
  generate: PhaseFigures & { heapAfterGcMb: number };
  export: PhaseFigures;
  hwmReset: boolean;
}

const mb = (bytes: number) => bytes / 1e6;

/** Peak resident set size since start or the last reset, in bytes (Linux); RSS now elsewhere. */
function vmHwm(): number {
  try {
    const kb = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss;
}

/** Resets VmHWM to the current RSS (Linux 4.0+, writing 5 to clear_refs); false where not possible. */
function resetHwm(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** One size, in this (child) process: generate and export `records`, then print the figures as JSON. */
async function measure(records: number, url: string): Promise<void> {
  const { generate } = await import('../dist/pipeline/run-pipeline.js');
  const gc = (globalThis as { gc?: () => void }).gc;
  const out = tempDir();
  let phase: 'generate' | 'export' = 'generate';
  const peaks = { generate: { rss: 0, heap: 0 }, export: { rss: 0, heap: 0 } };
  const sample = () => {
    const m = process.memoryUsage();
    peaks[phase].rss = Math.max(peaks[phase].rss, m.rss);
    peaks[phase].heap = Math.max(peaks[phase].heap, m.heapUsed);
  };
  let generateHwm = 0;
  let heapAfterGc = 0;
  let hwmReset = resetHwm();
  const timer = setInterval(sample, 20);
  try {
    const summary = await generate(oneColumnRecipe(url, records, CONCURRENCY), {
      out,
      onEvent: (event) => {
        // The last record is in: generation is over, the export starts right after this event.
        if (event.type !== 'progress' || phase !== 'generate' || event.progress.done < records) return;
        sample();
        generateHwm = Math.max(vmHwm(), peaks.generate.rss);
        if (gc) {
          gc();
          heapAfterGc = process.memoryUsage().heapUsed;
        }
        phase = 'export';
        hwmReset = resetHwm() && hwmReset;
        sample();
      },
    });
    sample();
    if (summary.valid !== records) throw new Error(`expected ${records} valid records, got ${summary.valid}`);
    const exportHwm = hwmReset ? vmHwm() : peaks.export.rss;
    const figures: SizeFigures = {
      records,
      generate: {
        recordsPerS: records / (summary.timings.generateMs / 1000),
        peakRssMb: mb(generateHwm),
        peakHeapUsedMb: mb(peaks.generate.heap),
        heapAfterGcMb: mb(heapAfterGc),
      },
      export: { recordsPerS: records / (summary.timings.exportMs / 1000), peakRssMb: mb(exportHwm), peakHeapUsedMb: mb(peaks.export.heap) },
      hwmReset,
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    clearInterval(timer);
    rmSync(out, { recursive: true, force: true });
  }
}

/** Runs one size in a fresh process and reads back its figures. */
function runSize(records: number, url: string): Promise<SizeFigures> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', import.meta.filename, '--child', String(records), url], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line));
      else reject(new Error(`size ${records} exited with ${code}: ${stdout.slice(-2000)}`));
    });
  });
}

if (process.argv[2] === '--child') {
  await measure(Number(process.argv[3]), process.argv[4]);
} else {
  const N = Number(process.argv[2] ?? 1_000_000);
  const small = Math.max(1, Math.round(N / 10));
  const { url, child } = await startServerProcess();
  try {
    const results: SizeFigures[] = [];
    for (const n of [small, N]) {
      const r = await runSize(n, url);
      results.push(r);
      print(`scale.${n}.generate_records_per_s`, Math.round(r.generate.recordsPerS));
      print(`scale.${n}.generate_peak_rss_mb`, Math.round(r.generate.peakRssMb));
      print(`scale.${n}.generate_peak_heap_used_mb`, Math.round(r.generate.peakHeapUsedMb));
      print(`scale.${n}.generate_heap_after_gc_mb`, r.generate.heapAfterGcMb);
      print(`scale.${n}.export_records_per_s`, Math.round(r.export.recordsPerS));
      print(`scale.${n}.export_peak_rss_mb${r.hwmReset ? '' : ' (sampled, VmHWM not resettable)'}`, Math.round(r.export.peakRssMb));
      print(`scale.${n}.export_peak_heap_used_mb`, Math.round(r.export.peakHeapUsedMb));
    }
    const [a, b] = results;
    print('scale.records', N);
    print('scale.ratio_generate_peak_rss_n_to_n_over_10 (bounded: near 1)', b.generate.peakRssMb / a.generate.peakRssMb);
    print('scale.ratio_generate_heap_after_gc_n_to_n_over_10', b.generate.heapAfterGcMb / a.generate.heapAfterGcMb);
    print('scale.ratio_export_peak_rss_n_to_n_over_10 (bounded: near 1)', b.export.peakRssMb / a.export.peakRssMb);
    print('scale.ratio_export_peak_heap_n_to_n_over_10', b.export.peakHeapUsedMb / a.export.peakHeapUsedMb);
  } finally {
    child.kill('SIGTERM');
  }
}
