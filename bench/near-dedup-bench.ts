/**
 * Near-duplicate detection: accuracy against exhaustive ground truth, throughput side by side with
 * datasketch on the same corpus, peak memory, and worker-thread scaling.
 *
 *   npx tsx bench/near-dedup-bench.ts [--sizes 100000,1000000] [--workers 1,2] [--truth 20000] [--no-python]
 *
 * Corpus: documents of 80-120 words (mean 100) drawn from a 20,000-word vocabulary with Zipf
 * frequencies (exponent 1). 10% of documents are planted copies of an earlier document with 0-12
 * words replaced (true shingle Jaccard from 1 down to ~0.5, so the 0.8 cut is exercised on both
 * sides); 3% copy the latest copy with 2-5 more words replaced, making chains a~b~c where a and c
 * may fall below 0.8. A quarter of all documents are re-cased and re-punctuated. Corpora are written once to ~/.cache/synthkit/near-dedup-bench/ as JSONL (one text
 * a line), and both sides read the same file.
 *
 * Accuracy (on `--truth` documents): every pair's true Jaccard over 5-word shingle STRINGS
 * (normalizeForDedup + wordShingles, not the hashes) is computed exhaustively through an inverted
 * index (pairs sharing no shingle have Jaccard 0), and compared with the verified pairs: precision,
 * recall, and for dropped records whether their representative is truly >= 0.8 similar. The same
 * figure is shown for the old scheme (connected groups, first member kept) to show what chaining did.
 *
 * Throughput: each (size, workers) run is its own child process reading the corpus file, so its
 * peak RSS is its own; docs/s per core = documents / CPU seconds of the run (all threads). The
 * datasketch side (MinHash.bulk + MinHashLSH, bench/python/datasketch_near_dedup.py) runs in a
 * virtualenv this bench creates under ~/.cache/synthkit/bench-venv with datasketch==1.6.5.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir, cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { nearDuplicateClusters, splitClusters, DEFAULT_BANDS, DEFAULT_ROWS, DEFAULT_NEAR_DUP_THRESHOLD } from '../src/curate/dedup/near-dedup.js';
import { wordShingles } from '../src/curate/dedup/normalize-text.js';
import { ROOT } from './support.js';

const DATASKETCH = 'datasketch==1.6.5';
const THRESHOLD = DEFAULT_NEAR_DUP_THRESHOLD;
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const list = (s: string) => s.split(',').map(Number);
const CACHE = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'synthkit');

// ---------------------------------------------------------------- corpus

function rngFor(...parts: number[]): () => number {
  let a = 0x9e3779b9;
  for (const p of parts) a = Math.imul(a ^ p, 0x85ebca6b) ^ (a >>> 13);
  let state = a | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const VOCABULARY = Array.from({ length: 20_000 }, (_, k) => {
  const consonants = 'bcdfghjklmnprstvz';
  const vowels = 'aeiou';
  let word = '';
  let x = k + 1;
  while (x > 0) {
    word += consonants[x % consonants.length] + vowels[Math.floor(x / consonants.length) % vowels.length];
    x = Math.floor(x / (consonants.length * vowels.length));
  }
  return word;
});
const ZIPF = (() => {
  const table = new Uint16Array(1 << 20);
  let total = 0;
  for (let r = 1; r <= VOCABULARY.length; r++) total += 1 / r;
  let cumulative = 0;
  let rank = 0;
  for (let slot = 0; slot < table.length; slot++) {
    const target = ((slot + 0.5) / table.length) * total;
    while (cumulative + 1 / (rank + 1) < target && rank < VOCABULARY.length - 1) cumulative += 1 / ++rank;
    table[slot] = rank;
  }
  return table;
})();
const drawWord = (next: () => number) => VOCABULARY[ZIPF[next() >>> 12]];

/** The corpus, deterministic in (size, seed). Each copy edits the words of its source. */
function buildCorpus(size: number, seed: number): string[] {
  const words: string[][] = [];
  const texts: string[] = [];
  let lastCopy = -1;
  for (let i = 0; i < size; i++) {
    const next = rngFor(seed, i);
    const roll = next() % 1000;
    let doc: string[];
    if (i > 10 && roll < 130) {
      // 10%: a copy of an earlier document with 0-12 words replaced; 3%: a copy of the latest copy
      // with 2-5 more (a chain: each link may pass 0.8 while its ends do not).
      const chain = roll >= 100 && lastCopy >= 0;
      doc = [...words[chain ? lastCopy : next() % i]];
      const edits = chain ? 2 + (next() % 4) : next() % 13;
      for (let e = 0; e < edits; e++) doc[next() % doc.length] = drawWord(next);
      lastCopy = i;
    } else {
      doc = Array.from({ length: 80 + (next() % 41) }, () => drawWord(next));
    }
    words.push(doc);
    texts.push(next() % 4 === 0 ? `${doc.map((w, k) => (k % 9 === 0 ? `${w.toUpperCase()},` : w)).join('  ')}.` : doc.join(' '));
  }
  return texts;
}

function corpusFile(size: number, seed: number): string {
  const dir = join(CACHE, 'near-dedup-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `corpus-v2-${size}-seed${seed}.jsonl`);
  if (!existsSync(file)) {
    const texts = buildCorpus(size, seed);
    writeFileSync(`${file}.tmp`, `${texts.map((t) => JSON.stringify(t)).join('\n')}\n`);
    renameSync(`${file}.tmp`, file);
  }
  return file;
}

async function readCorpus(file: string): Promise<string[]> {
  const texts: string[] = [];
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) if (line) texts.push(JSON.parse(line));
  return texts;
}

// ---------------------------------------------------------------- child: one timed run

async function child(file: string, workers: number): Promise<void> {
  const texts = await readCorpus(file);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const { clusters, pairs } = await nearDuplicateClusters(texts, { workers });
  const groups = splitClusters(clusters, pairs, (x, y) => x - y);
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - wall0) / 1000;
  process.stdout.write(
    `${JSON.stringify({
      documents: texts.length,
      workers,
      cpu_s: (cpu.user + cpu.system) / 1e6,
      wall_s: wall,
      pairs: pairs.length,
      dropped: groups.reduce((s, g) => s + g.duplicates.length, 0),
      peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
}

// ---------------------------------------------------------------- datasketch

function ensureVenv(): string | { skipped: string } {
  const venv = join(CACHE, 'bench-venv');
  const python = join(venv, 'bin', 'python');
  const check = () => spawnSync(python, ['-c', 'import datasketch, importlib.metadata as m; print(m.version("datasketch"))'], { encoding: 'utf8' });
  if (existsSync(python) && check().stdout?.trim() === DATASKETCH.split('==')[1]) return python;
  const made = spawnSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  if (made.status !== 0) return { skipped: 'python3 -m venv failed (is python3 installed?)' };
  const pip = spawnSync(join(venv, 'bin', 'pip'), ['install', '-q', DATASKETCH], { stdio: 'inherit' });
  if (pip.status !== 0) return { skipped: `pip install ${DATASKETCH} failed` };
  return python;
}

function runDatasketch(python: string, file: string): Record<string, number> {
  const r = spawnSync(python, [join(ROOT, 'bench/python/datasketch_near_dedup.py'), file, String(DEFAULT_BANDS * DEFAULT_ROWS), '5'], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`datasketch run failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function runChild(file: string, workers: number): Record<string, number> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/near-dedup-bench.ts'), '--child', file, '--child-workers', String(workers)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`near-dedup run failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// ---------------------------------------------------------------- accuracy against exhaustive truth

async function accuracy(size: number): Promise<void> {
  const texts = await readCorpus(corpusFile(size, 1));
  const shingleSets = texts.map((t) => new Set(wordShingles(t, 5)));
  const postings = new Map<string, number[]>();
  shingleSets.forEach((set, i) => {
    for (const s of set) {
      let list = postings.get(s);
      if (!list) postings.set(s, (list = []));
      list.push(i);
    }
  });
  const truth = new Map<number, number>(); // key a*n+b -> Jaccard, for pairs >= THRESHOLD
  const n = texts.length;
  const jaccardOf = (a: number, b: number): number => {
    let shared = 0;
    for (const s of shingleSets[a]) if (shingleSets[b].has(s)) shared++;
    return shared / (shingleSets[a].size + shingleSets[b].size - shared);
  };
  let comparedPairs = 0;
  for (let a = 0; a < n; a++) {
    const others = new Set<number>();
    for (const s of shingleSets[a]) for (const b of postings.get(s)!) if (b > a) others.add(b);
    comparedPairs += others.size;
    for (const b of others) {
      const j = jaccardOf(a, b);
      if (j >= THRESHOLD) truth.set(a * n + b, j);
    }
  }
  const { clusters, pairs } = await nearDuplicateClusters(texts);
  const found = new Set(pairs.map((p) => p.a * n + p.b));
  const truePositives = pairs.filter((p) => truth.has(p.a * n + p.b)).length;
  const groups = splitClusters(clusters, pairs, (x, y) => x - y);
  const drops = groups.flatMap((g) => g.duplicates.map((d) => [g.representative, d.index] as const));
  const badDrops = drops.filter(([r, d]) => jaccardOf(Math.min(r, d), Math.max(r, d)) < THRESHOLD).length;
  // The old scheme: every connected group keeps its first member and drops the rest against it.
  const oldDrops = clusters.flatMap((c) => c.slice(1).map((d) => [c[0], d] as const));
  const oldBad = oldDrops.filter(([r, d]) => jaccardOf(r, d) < THRESHOLD).length;
  // A true pair is handled when the two are not both kept.
  const droppedSet = new Set(drops.map(([, d]) => d));
  let handled = 0;
  for (const key of truth.keys()) {
    const a = Math.floor(key / n);
    if (droppedSet.has(a) || droppedSet.has(key - a * n)) handled++;
  }
  print('truth_documents', n);
  print('truth_pairs_compared_exhaustively', comparedPairs);
  print('truth_pairs_jaccard_ge_0.8', truth.size);
  print('verified_pairs', pairs.length);
  print('pair_precision', truePositives / Math.max(1, pairs.length));
  print('pair_recall', [...truth.keys()].filter((k) => found.has(k)).length / Math.max(1, truth.size));
  print('true_pairs_not_both_kept', handled / Math.max(1, truth.size));
  print('dropped', drops.length);
  print('drops_against_rep_below_0.8', `${badDrops} (${((100 * badDrops) / Math.max(1, drops.length)).toFixed(2)}%)`);
  print('old_scheme_drops_against_rep_below_0.8', `${oldBad} of ${oldDrops.length} (${((100 * oldBad) / Math.max(1, oldDrops.length)).toFixed(2)}%)`);
}

function print(name: string, value: string | number): void {
  process.stdout.write(`${name}: ${typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(4) : value}\n`);
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  if (process.argv.includes('--child')) return child(arg('child')!, Number(arg('child-workers') ?? 1));
  const sizes = list(arg('sizes') ?? '100000,1000000');
  const workerCounts = list(arg('workers') ?? `1,${Math.min(4, cpus().length)}`);
  const truthSize = Number(arg('truth') ?? 20_000);
  print('settings', `word 5-shingles, ${DEFAULT_BANDS} bands x ${DEFAULT_ROWS} rows, exact verification at Jaccard >= ${THRESHOLD}`);
  print('cpu_cores', cpus().length);
  await accuracy(truthSize);
  const python = process.argv.includes('--no-python') ? { skipped: '--no-python' } : ensureVenv();
  for (const size of sizes) {
    const file = corpusFile(size, 1);
    for (const workers of [...new Set(workerCounts)]) {
      const r = runChild(file, workers);
      print(
        `synthkit_${size}_workers${workers}`,
        `${(r.documents / r.cpu_s).toFixed(0)} docs/s per core, ${(r.documents / r.wall_s).toFixed(0)} docs/s wall, ${r.wall_s.toFixed(2)} s wall, peak RSS ${r.peak_rss_mb.toFixed(0)} MB, ${r.pairs} pairs, ${r.dropped} dropped`,
      );
      (results[size] ??= {})[workers] = r;
    }
    if (typeof python === 'string') {
      const d = runDatasketch(python, file);
      const ours = results[size][workerCounts[0]];
      print(
        `datasketch_${size}`,
        `${(d.documents / d.total_cpu_s).toFixed(0)} docs/s per core (signing ${(d.documents / d.sign_cpu_s).toFixed(0)}), ${d.total_wall_s.toFixed(2)} s wall, peak RSS ${d.peak_rss_mb.toFixed(0)} MB, bands x rows ${JSON.stringify(d.bands_rows)}, ${d.candidate_pairs} candidate pairs`,
      );
      print(`speedup_per_core_${size}`, `${(d.total_cpu_s / ours.cpu_s).toFixed(1)}x datasketch`);
    } else print(`datasketch_${size}`, `skipped: ${python.skipped}`);
  }
}

const results: Record<number, Record<number, Record<string, number>>> = {};
await main();
