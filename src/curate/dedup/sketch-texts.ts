/**
 * Sketching many texts: every text's exact shingle set (in one pool, with offsets) and its band
 * keys, in one thread or split over worker threads. A worker thread sketches a contiguous chunk;
 * the chunks are joined in order, so the result is the same whatever the number of workers.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createShingleSketcher, type SketchOptions } from './shingle-sketch.js';

export interface SketchBatch {
  /** All shingle sets, one after another. */
  pool: Int32Array;
  /** Text i's set is pool[offsets[i], offsets[i+1]). */
  offsets: Uint32Array;
  /** 2 x bands values per text (the band keys). */
  keys: Uint32Array;
}

export function sketchTexts(texts: readonly string[], options: SketchOptions): SketchBatch {
  const sketcher = createShingleSketcher(options);
  const stride = options.bands * 2;
  const keys = new Uint32Array(texts.length * stride);
  const offsets = new Uint32Array(texts.length + 1);
  let pool = new Int32Array(Math.max(1024, texts.length * 64));
  let used = 0;
  for (let i = 0; i < texts.length; i++) {
    const set = sketcher.sketch(texts[i], keys, i * stride);
    if (set.length === 0) {
      // No words: no shingles to compare. Keys unique to this text keep it out of every bucket.
      for (let band = 0; band < options.bands; band++) {
        keys[i * stride + band * 2] = i;
        keys[i * stride + band * 2 + 1] = 0xa5a5a5a5 ^ band;
      }
    }
    if (used + set.length > pool.length) {
      const grown = new Int32Array(Math.max(pool.length * 2, used + set.length));
      grown.set(pool.subarray(0, used));
      pool = grown;
    }
    pool.set(set, used);
    used += set.length;
    offsets[i + 1] = used;
  }
  return { pool: pool.slice(0, used), offsets, keys };
}

/** As `sketchTexts`, over `workers` threads (1: this thread). */
export async function sketchTextsParallel(texts: readonly string[], options: SketchOptions, workers: number): Promise<SketchBatch> {
  if (workers <= 1 || texts.length < 2 * workers) return sketchTexts(texts, options);
  const chunk = Math.ceil(texts.length / workers);
  const parts = await Promise.all(Array.from({ length: workers }, (_, w) => runWorker(texts.slice(w * chunk, (w + 1) * chunk), options)));
  return joinBatches(parts, options.bands);
}

function joinBatches(parts: SketchBatch[], bands: number): SketchBatch {
  const n = parts.reduce((s, p) => s + p.offsets.length - 1, 0);
  const poolSize = parts.reduce((s, p) => s + p.pool.length, 0);
  const pool = new Int32Array(poolSize);
  const offsets = new Uint32Array(n + 1);
  const keys = new Uint32Array(n * bands * 2);
  let doc = 0;
  let used = 0;
  for (const part of parts) {
    const count = part.offsets.length - 1;
    pool.set(part.pool, used);
    for (let i = 1; i <= count; i++) offsets[doc + i] = used + part.offsets[i];
    keys.set(part.keys, doc * bands * 2);
    // Empty texts got keys from their index within the chunk; make them unique in the whole batch.
    for (let i = 0; i < count; i++) {
      if (part.offsets[i + 1] !== part.offsets[i]) continue;
      for (let band = 0; band < bands; band++) keys[(doc + i) * bands * 2 + band * 2] = doc + i;
    }
    used += part.pool.length;
    doc += count;
  }
  return { pool, offsets, keys };
}

/** tsx's ESM registration API (a dev dependency; only used when running from the .ts sources). */
function tsxApiUrl(): string {
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(join(dirname(packageJson), 'dist/esm/api/index.mjs')).href;
}

function runWorker(texts: string[], options: SketchOptions): Promise<SketchBatch> {
  // Built, the worker is a .js file beside this one. From the sources (tests, benches under tsx) it
  // is .ts, and a worker does not inherit the loader hooks: it registers tsx's first.
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./sketch-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  const worker = fromSource
    ? new Worker(
        `import(${JSON.stringify(tsxApiUrl())})` + `.then((m) => (m.register ?? m.default.register)()).then(() => import(${JSON.stringify(url.href)}))`,
        { eval: true, workerData: { texts, options } },
      )
    : new Worker(url, { workerData: { texts, options } });
  return new Promise((resolve, reject) => {
    worker.once('message', (batch: SketchBatch) => {
      resolve(batch);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`near-dedup worker exited with code ${code}`));
    });
  });
}
