/**
 * Near-duplicate detection at scale: MinHash signing speed, LSH + verification time, peak memory,
 * and precision/recall on planted near-duplicates.
 *
 *   npx tsx bench/near-dedup-bench.ts [documents=1000000] [seed=1]
 *
 * Corpus: synthetic documents of 80-120 words (mean 100) drawn from a 20,000-word vocabulary with
 * Zipf frequencies (exponent 1, Zipf's law for word frequency). 2% of documents are planted copies
 * of an earlier original (each original copied at most once) with a local edit: an exact copy
 * re-cased and re-punctuated (Jaccard 1 after normalization), or 1, 2 or 3 consecutive words
 * replaced (shingle Jaccard about 0.90, 0.88 and 0.86 at 100 words). The true shingle Jaccard of
 * each planted pair is measured and reported alongside recall.
 *
 * Documents are generated, signed and dropped in a stream: only signatures are kept (documents x
 * 112 x 4 bytes, 448 MB at a million), and any document can be regenerated from its index. The
 * pipeline then runs `nearDuplicatesFromSignatures` with the library defaults (14 x 8, 0.8).
 *
 * Signing speed is reported twice: per wall-clock second, and per CPU second of this process
 * (`signature_docs_per_cpu_s`), which is the one-core figure when other work shares the machine.
 *
 * Targets: signing >= 20,000 documents/s on one core, peak RSS < 2 GB, precision and recall >= 0.95.
 * Output: one `name: value` line per figure.
 */
import { createMinHasher, DEFAULT_NUM_HASHES } from '../src/curate/dedup/minhash.js';
import { DEFAULT_BANDS, DEFAULT_NEAR_DUP_THRESHOLD, DEFAULT_ROWS, nearDuplicatesFromSignatures } from '../src/curate/dedup/near-dedup.js';

const documents = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 1);
if (!Number.isInteger(documents) || documents < 2) throw new Error(`documents must be an integer >= 2, got ${process.argv[2]}`);

const VOCABULARY_SIZE = 20_000;
const COPY_SHARE = 0.02;
const BATCH = 1000;

let peakRss = 0;
const sampleMemory = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

/**
 * sfc32 (Doty-Humphrey, PractRand) with its 128-bit state seeded by splitmix32 from the parts, so
 * document i can be regenerated from i alone. A 32-bit-state generator (mulberry32) is not enough
 * here: a million documents drawing ~100 values each from one 2^32 cycle overlap by chance, and the
 * overlapping documents become accidental near-duplicates (shifted copies) that spoil precision.
 */
function rngFor(...parts: number[]): () => number {
  let mix = 0x9e3779b9;
  const split = (): number => {
    mix = (mix + 0x9e3779b9) | 0;
    let z = mix;
    for (const part of parts) z = Math.imul(z ^ part, 0x85ebca6b) ^ (z >>> 13);
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return z ^ (z >>> 15);
  };
  let a = split(),
    b = split(),
    c = split(),
    d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next(); // PractRand's warm-up
  return next;
}

const vocabulary = Array.from({ length: VOCABULARY_SIZE }, (_, k) => {
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

// Inverse-CDF table for Zipf(1) ranks: a uniform 20-bit draw indexes the table, O(1) per word.
const ZIPF_BITS = 20;
const zipfTable = new Uint16Array(1 << ZIPF_BITS);
{
  let total = 0;
  for (let r = 1; r <= VOCABULARY_SIZE; r++) total += 1 / r;
  let cumulative = 0;
  let rank = 0;
  for (let slot = 0; slot < zipfTable.length; slot++) {
    const target = ((slot + 0.5) / zipfTable.length) * total;
    while (cumulative + 1 / (rank + 1) < target && rank < VOCABULARY_SIZE - 1) cumulative += 1 / ++rank;
    zipfTable[slot] = rank;
  }
}
const drawWord = (next: () => number): string => vocabulary[zipfTable[next() >>> (32 - ZIPF_BITS)]];

function originalWords(index: number): string[] {
  const next = rngFor(seed, index, 1);
  const length = 80 + (next() % 41);
  return Array.from({ length }, () => drawWord(next));
}

/** Which earlier original document `index` copies, or -1; each original is copied at most once. */
const isCopy = new Uint8Array(documents);
const isUsed = new Uint8Array(documents);
const originalOf = new Int32Array(documents).fill(-1);

function copyText(index: number, original: number): string {
  const next = rngFor(seed, index, 2);
  const words = originalWords(original);
  const width = next() % 4; // 0: exact copy in other casing/punctuation; 1-3: consecutive words replaced
  if (width === 0) return words.map((w, k) => (k % 9 === 0 ? w.toUpperCase() + ',' : w)).join('  ') + '.';
  const at = next() % (words.length - width);
  for (let k = 0; k < width; k++) words[at + k] = drawWord(next);
  return words.join(' ');
}

function textOf(index: number): string {
  const chooser = rngFor(seed, index, 3);
  if (index > 0 && chooser() / 2 ** 32 < COPY_SHARE) {
    for (let attempt = 0; attempt < 8; attempt++) {
      const original = chooser() % index;
      if (isCopy[original] || isUsed[original]) continue;
      isCopy[index] = 1;
      isUsed[original] = 1;
      originalOf[index] = original;
      return copyText(index, original);
    }
  }
  return originalWords(index).join(' ');
}

const hasher = createMinHasher({ numHashes: DEFAULT_NUM_HASHES });
const signatureBuffer = new Uint32Array(documents * DEFAULT_NUM_HASHES);
const signatures: Uint32Array[] = new Array(documents);
const plantedJaccard: number[] = [];

const started = performance.now();
let signingMs = 0;
let signingCpuMs = 0; // user + system CPU time: the per-core rate, whatever else shares the machine
let generationMs = 0;
const batch: string[] = [];
for (let first = 0; first < documents; first += BATCH) {
  const last = Math.min(documents, first + BATCH);
  const generateStart = performance.now();
  batch.length = 0;
  for (let i = first; i < last; i++) batch.push(textOf(i));
  const signStart = performance.now();
  const signCpuStart = process.cpuUsage();
  generationMs += signStart - generateStart;
  for (let i = first; i < last; i++) {
    signatures[i] = hasher.signature(batch[i - first], signatureBuffer.subarray(i * DEFAULT_NUM_HASHES, (i + 1) * DEFAULT_NUM_HASHES));
  }
  signingMs += performance.now() - signStart;
  const cpu = process.cpuUsage(signCpuStart);
  signingCpuMs += (cpu.user + cpu.system) / 1000;
  // Ground truth, outside the timed section: exact shingle Jaccard of each planted pair.
  for (let i = first; i < last; i++) {
    if (originalOf[i] < 0) continue;
    const a = new Set(hasher.shingleHashes(originalWords(originalOf[i]).join(' ')));
    const b = new Set(hasher.shingleHashes(batch[i - first]));
    let shared = 0;
    for (const h of a) if (b.has(h)) shared++;
    plantedJaccard.push(shared / (a.size + b.size - shared));
  }
  if ((first / BATCH) % 50 === 0) sampleMemory();
}
sampleMemory();

const dedupStart = performance.now();
const { clusters, pairs } = nearDuplicatesFromSignatures(signatures);
const dedupMs = performance.now() - dedupStart;
sampleMemory();
const totalMs = performance.now() - started;

let truePositives = 0;
for (const { a, b } of pairs) if (originalOf[b] === a || originalOf[a] === b) truePositives++;
const planted = plantedJaccard.length;
const found = new Set(pairs.filter(({ a, b }) => originalOf[b] === a).map(({ b }) => b));
let plantedAtLeast085 = 0;
let foundAtLeast085 = 0;
{
  let k = 0;
  for (let i = 0; i < documents; i++) {
    if (originalOf[i] < 0) continue;
    if (plantedJaccard[k++] >= 0.85) {
      plantedAtLeast085++;
      if (found.has(i)) foundAtLeast085++;
    }
  }
}
const sortedJ = [...plantedJaccard].sort((x, y) => x - y);
const mean = plantedJaccard.reduce((x, y) => x + y, 0) / Math.max(1, planted);
const fixed = (x: number, digits = 4) => x.toFixed(digits);

const lines: Array<[string, string]> = [
  ['documents', String(documents)],
  ['hashes', `${DEFAULT_NUM_HASHES} (${DEFAULT_BANDS} bands x ${DEFAULT_ROWS} rows), threshold ${DEFAULT_NEAR_DUP_THRESHOLD}`],
  ['planted_pairs', String(planted)],
  ['planted_jaccard_min', fixed(sortedJ[0] ?? Number.NaN)],
  ['planted_jaccard_p05', fixed(sortedJ[Math.floor(0.05 * planted)] ?? Number.NaN)],
  ['planted_jaccard_mean', fixed(mean)],
  ['signature_docs_per_s', fixed((documents / signingMs) * 1000, 0)],
  ['signature_docs_per_cpu_s', fixed((documents / signingCpuMs) * 1000, 0)],
  ['signing_s', fixed(signingMs / 1000, 2)],
  ['generation_s', fixed(generationMs / 1000, 2)],
  ['lsh_and_verify_s', fixed(dedupMs / 1000, 2)],
  ['total_s', fixed(totalMs / 1000, 2)],
  ['peak_rss_mb', fixed(peakRss / 2 ** 20, 0)],
  ['verified_pairs', String(pairs.length)],
  ['clusters', String(clusters.length)],
  ['precision', fixed(pairs.length === 0 ? 1 : truePositives / pairs.length)],
  ['recall', fixed(planted === 0 ? 1 : found.size / planted)],
  ['recall_planted_jaccard_ge_0.85', fixed(plantedAtLeast085 === 0 ? 1 : foundAtLeast085 / plantedAtLeast085)],
];
for (const [name, value] of lines) console.log(`${name}: ${value}`);
