/**
 * Grounding bench: ingest 10,000 synthetic documents of about 300 words, then BM25 top-10 queries.
 * Run: npx tsx bench/grounding-bench.ts [documents]
 *
 * Documents are seeded (createRng), written to a temp dir first (writing is not timed), and look
 * like prose to the tokenizers: a heading, 3-4 paragraphs of sentences, about 45% stopwords, and
 * content words drawn from a 20,000-word vocabulary with Zipf frequencies (s = 1), as word
 * frequencies in natural text are. Queries are 2-4 content words taken from a random document,
 * so they hit both common and rare terms the way questions about a corpus do.
 * Prints `name: value` lines. Targets (issue): >= 500 docs/s ingest, >= 1,000 queries/s.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../src/grounding/ingest.js';
import { openKnowledgeBase } from '../src/grounding/knowledge-base.js';
import { createRng } from '../src/core/rng.js';
import type { Rng } from '../src/core/rng-types.js';

const DOCUMENTS = Number(process.argv[2] ?? 10_000);
const WORDS_PER_DOC = 300;
const VOCABULARY = 20_000;
const QUERIES = 5_000;
const FUNCTION_WORDS = 'the of and to a in is that for it as with was on be by at this from or an are which have not'.split(' ');

const rng = createRng('grounding-bench');
const vocabulary = makeVocabulary(rng.fork('vocabulary'), VOCABULARY);
const zipf = zipfSampler(VOCABULARY);

const root = mkdtempSync(join(tmpdir(), 'synthkit-grounding-bench-'));
const docsDir = join(root, 'docs');
const kbDir = join(root, 'kb');
try {
  const docRng = rng.fork('documents');
  const documents: string[][] = [];
  for (let d = 0; d < DOCUMENTS; d++) {
    const dir = join(docsDir, String(Math.floor(d / 1000)).padStart(2, '0'));
    if (d % 1000 === 0) mkdirSync(dir, { recursive: true });
    const { text, contentWords } = makeDocument(docRng, d);
    documents.push(contentWords);
    writeFileSync(join(dir, `doc-${String(d).padStart(5, '0')}.${d % 5 === 0 ? 'txt' : 'md'}`), text);
  }

  let started = performance.now();
  const summary = await ingest([docsDir], kbDir);
  const ingestSeconds = (performance.now() - started) / 1000;

  started = performance.now();
  const again = await ingest([docsDir], kbDir);
  const reingestSeconds = (performance.now() - started) / 1000;

  started = performance.now();
  const kb = await openKnowledgeBase(kbDir);
  const openMs = performance.now() - started;

  const queryRng = rng.fork('queries');
  const queries = Array.from({ length: QUERIES }, () => {
    const words = queryRng.pick(documents);
    return Array.from({ length: queryRng.int(2, 4) }, () => queryRng.pick(words)).join(' ');
  });
  for (const q of queries.slice(0, 200)) kb.search(q, { topK: 10 }); // warm-up (JIT)
  started = performance.now();
  let hits = 0;
  for (const q of queries) hits += kb.search(q, { topK: 10 }).length;
  const querySeconds = (performance.now() - started) / 1000;

  const lines: [string, string | number][] = [
    ['documents', DOCUMENTS],
    ['chunks', summary.totalChunks],
    ['ingest_seconds', ingestSeconds.toFixed(2)],
    ['ingest_docs_per_s', Math.round(DOCUMENTS / ingestSeconds)],
    ['reingest_unchanged_docs_per_s', Math.round(again.unchanged.length / reingestSeconds)],
    ['open_kb_ms', Math.round(openMs)],
    ['queries', QUERIES],
    ['bm25_top10_queries_per_s', Math.round(QUERIES / querySeconds)],
    ['mean_hits_per_query', (hits / QUERIES).toFixed(2)],
    ['skipped', summary.skipped.length],
  ];
  for (const [name, value] of lines) process.stdout.write(`${name}: ${value}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}

function makeDocument(r: Rng, n: number): { text: string; contentWords: string[] } {
  const contentWords: string[] = [];
  const word = () => {
    if (r.next() < 0.45) return r.pick(FUNCTION_WORDS);
    const w = vocabulary[zipf(r)];
    contentWords.push(w);
    return w;
  };
  const paragraphs: string[] = [];
  const paragraphCount = r.int(3, 4);
  for (let p = 0; p < paragraphCount; p++) {
    const sentences: string[] = [];
    const target = WORDS_PER_DOC / paragraphCount;
    for (let inParagraph = 0; inParagraph < target; ) {
      const length = r.int(8, 20);
      const sentence = Array.from({ length }, word).join(' ');
      sentences.push(`${sentence[0].toUpperCase()}${sentence.slice(1)}.`);
      inParagraph += length;
    }
    paragraphs.push(sentences.join(' '));
  }
  const title = `Document ${n}: ${vocabulary[zipf(r)]} ${vocabulary[zipf(r)]}`;
  return { text: `# ${title}\n\n${paragraphs.join('\n\n')}\n`, contentWords };
}

function makeVocabulary(r: Rng, size: number): string[] {
  const syllables =
    'ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu'.split(
      ' ',
    );
  const seen = new Set<string>();
  while (seen.size < size) seen.add(Array.from({ length: r.int(2, 4) }, () => r.pick(syllables)).join('') + r.pick(['', 'n', 'r', 'l', 's', 't']));
  return [...seen];
}

/** Rank sampler with P(rank k) proportional to 1/k (Zipf, s = 1), by binary search on the CDF. */
function zipfSampler(size: number): (r: Rng) => number {
  const cdf = new Float64Array(size);
  let total = 0;
  for (let k = 0; k < size; k++) cdf[k] = total += 1 / (k + 1);
  return (r) => {
    const x = r.next() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
