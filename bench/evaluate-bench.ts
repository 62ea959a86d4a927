/**
 * Evaluation at scale: metrics of N records of ~100 words without embeddings or LLM checks.
 *
 *   npx tsx bench/evaluate-bench.ts [records=100000]
 *
 * Corpus: records with a `feedback` text of 80-120 words (mean 100) drawn from a 5,000-word
 * vocabulary with Zipf frequencies, a few template phrases planted in some records, and sampled
 * attributes (service, sentiment, persona.age_band, persona.region). The file is written first
 * (not timed); the timing covers `evaluate` reading the file, both passes and the report.
 *
 * Target: under 60 s for 100,000 records on the project's 2-core machine.
 * Output: one `name: value` line per figure.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '../src/evaluate/evaluate.js';
import { print, tempDir, withPeakRss } from './support.js';

const records = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(records) || records < 2) throw new Error(`records must be an integer >= 2, got ${process.argv[2]}`);

const VOCABULARY = 5000;
const SERVICES = ['appointment booking', 'medical records', 'vaccination', 'payments', 'teleconsultation'];
const SENTIMENTS = ['positive', 'neutral', 'negative'];
const AGE_BANDS = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'];
const REGIONS = ['Central', 'East', 'North', 'North-East', 'West'];
const TEMPLATES = ['overall the app is easy to use', 'i would like to suggest that', 'thank you for your hard work'];

/** mulberry32: a small seeded generator is enough for a benchmark corpus. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Zipf(1) cumulative weights over the vocabulary, sampled by binary search.
const words = Array.from({ length: VOCABULARY }, (_, i) => `w${i.toString(36)}${'aeiou'[i % 5]}`);
const cumulative = new Float64Array(VOCABULARY);
let total = 0;
for (let i = 0; i < VOCABULARY; i++) cumulative[i] = total += 1 / (i + 1);
const zipfWord = (r: number): string => {
  const target = r * total;
  let lo = 0;
  let hi = VOCABULARY - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return words[lo];
};

async function writeCorpus(file: string): Promise<void> {
  const out = createWriteStream(file);
  const random = rng(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  for (let i = 0; i < records; i++) {
    const length = 80 + Math.floor(random() * 41);
    const parts: string[] = [];
    for (let w = 0; w < length; w++) parts.push(zipfWord(random()));
    if (random() < 0.3) parts.splice(Math.floor(random() * parts.length), 0, pick(TEMPLATES));
    const record = {
      _id: i,
      service: pick(SERVICES),
      sentiment: pick(SENTIMENTS),
      persona: { age_band: pick(AGE_BANDS), region: pick(REGIONS) },
      feedback: `${parts.join(' ')}.`,
    };
    if (!out.write(`${JSON.stringify(record)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

const dir = tempDir();
const file = join(dir, 'bench.jsonl');
await writeCorpus(file);
const started = performance.now();
const { result, peakMb } = await withPeakRss(() =>
  evaluate(
    file,
    {
      bias: { groups: ['persona.age_band', 'persona.region'], signals: ['length:feedback', 'share:sentiment=negative'] },
      coverage: { combinations: [['service', 'sentiment']] },
    },
    { out: join(dir, 'evaluation') },
  ),
);
const seconds = (performance.now() - started) / 1000;
const d = result.metrics.diversity.feedback;
print('evaluate.records', result.metrics.records);
print('evaluate.records_per_s', Math.round(records / seconds));
print('evaluate.seconds', seconds);
print('evaluate.peak_rss_mb', Math.round(peakMb));
print('evaluate.distinct_2', d.distinct_2);
print('evaluate.self_bleu', d.self_bleu);
print('evaluate.top_ngram', d.top_ngrams[0]?.ngram ?? '');
