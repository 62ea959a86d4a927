import { type Summary, summarize } from '../core/quantiles.js';
import { hashTokens, ngramKeys53 } from '../core/ngram-hash.js';
import { wordTokens } from '../core/tokenize.js';
import { SEPARATOR, SuffixAutomaton } from './suffix-automaton.js';

/**
 * Leakage of private reference data (the user's real records) into synthetic text. Three views
 * per synthetic text, all over the shared word tokenizer:
 *
 * 1. Longest shared span: the most consecutive words it shares with any one reference. Found with
 *    a suffix automaton over all references (linear to build and to query, see
 *    suffix-automaton.ts), so it is exact for any span length. Memorisation studies use such
 *    verbatim spans as the signal (Carlini et al. 2021, "Extracting Training Data from Large
 *    Language Models"; Carlini et al. 2023 count 50-token exact continuations).
 * 2. N-gram overlap: the fraction of its n-grams (default n = 8) that occur in some reference;
 *    texts shorter than n have no n-grams and score 0.
 * 3. Distance to the closest record (DCR, common in synthetic tabular data privacy, e.g. Park et al.
 *    2018 "Data Synthesis based on Generative Adversarial Networks"): 1 - the highest Jaccard
 *    similarity between its set of word 3-gram shingles (Broder 1997) and a reference's. Exact (up to
 *    53-bit shingle hashes, see ngram-hash.ts): an
 *    inverted index from shingle to references means only references that share a shingle are
 *    scored (no MinHash approximation). A text with no shingles (under 3 words) has distance 1.
 *
 * Memory grows with the references (a few thousand records is the intended size); synthetic texts
 * are streamed, and only three numbers per text are kept.
 */
export const LEAKAGE_DEFAULTS = { ngram: 8, shingle: 3, worst: 10 } as const;

export interface LeakageOptions {
  /** N-gram length for the overlap fraction; default 8. */
  ngram?: number;
  /** Shingle length for the Jaccard distance; default 3. */
  shingle?: number;
  /** Worst offenders listed; default 10. */
  worst?: number;
}

export interface LeakageFinding {
  /** Index of the synthetic text. */
  index: number;
  /** Words in the longest span shared with a reference. */
  longestSpan: number;
  /** The shared span (lowercased words), "" when none. */
  span: string;
  /** Reference holding that span; -1 when none. */
  reference: number;
  overlap: number;
  distance: number;
  /** Reference with the highest Jaccard similarity; -1 when none shares a shingle. */
  closestReference: number;
}

export interface LeakageReport {
  texts: number;
  references: number;
  longestSpan: Summary;
  overlap: Summary;
  distance: Summary;
  /** Synthetic texts with the longest shared spans (ties: smaller distance first). */
  worstBySpan: LeakageFinding[];
  /** Synthetic texts closest to a reference (ties: longer span first). */
  worstByDistance: LeakageFinding[];
  /** Per synthetic text, in input order. */
  perText: { longestSpan: Int32Array; overlap: Float64Array; distance: Float64Array };
}

export function measureLeakage(synthetic: readonly string[], references: readonly string[], options: LeakageOptions = {}): LeakageReport {
  const ngram = options.ngram ?? LEAKAGE_DEFAULTS.ngram;
  const shingle = options.shingle ?? LEAKAGE_DEFAULTS.shingle;
  const worst = options.worst ?? LEAKAGE_DEFAULTS.worst;
  for (const [name, value] of [
    ['ngram', ngram],
    ['shingle', shingle],
    ['worst', worst],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`measureLeakage: ${name} must be a positive integer, got ${value}`);
  }

  const vocabulary = new Map<string, number>();
  const automaton = new SuffixAutomaton();
  const referenceStarts: number[] = [];
  const shingleIndex = new Map<number, number[]>();
  const shingleCounts: number[] = [];
  let position = 0;
  references.forEach((text, r) => {
    const tokens = wordTokens(text);
    if (r > 0) {
      automaton.extend(SEPARATOR);
      position++;
    }
    referenceStarts.push(position);
    for (const token of tokens) {
      let id = vocabulary.get(token);
      if (id === undefined) {
        id = vocabulary.size + 1;
        vocabulary.set(token, id);
      }
      automaton.extend(id);
      position++;
    }
    const shingles = shingleSet(tokens, shingle);
    shingleCounts.push(shingles.size);
    for (const key of shingles) {
      const postings = shingleIndex.get(key);
      if (postings === undefined) shingleIndex.set(key, [r]);
      else postings.push(r);
    }
  });

  const intersections = new Int32Array(references.length);
  const longestSpan = new Int32Array(synthetic.length);
  const overlap = new Float64Array(synthetic.length);
  const distance = new Float64Array(synthetic.length);
  const findings: LeakageFinding[] = [];
  synthetic.forEach((text, index) => {
    const tokens = wordTokens(text);
    const ids = tokens.map((token) => vocabulary.get(token) ?? -1);
    const match = automaton.match(ids);
    let shared = 0;
    for (let i = ngram - 1; i < ids.length; i++) if (match.lengths[i] >= ngram) shared++;
    const grams = ids.length - ngram + 1;

    const shingles = shingleSet(tokens, shingle);
    const touched: number[] = [];
    for (const key of shingles) {
      for (const r of shingleIndex.get(key) ?? []) {
        if (intersections[r] === 0) touched.push(r);
        intersections[r]++;
      }
    }
    let bestJaccard = 0;
    let closestReference = -1;
    for (const r of touched) {
      const jaccard = intersections[r] / (shingles.size + shingleCounts[r] - intersections[r]);
      if (jaccard > bestJaccard || (jaccard === bestJaccard && r < closestReference)) {
        bestJaccard = jaccard;
        closestReference = r;
      }
      intersections[r] = 0;
    }

    longestSpan[index] = match.longest;
    overlap[index] = grams > 0 ? shared / grams : 0;
    distance[index] = 1 - bestJaccard;
    findings.push({
      index,
      longestSpan: match.longest,
      span: match.longest === 0 ? '' : tokens.slice(match.queryEnd - match.longest + 1, match.queryEnd + 1).join(' '),
      reference: match.longest === 0 ? -1 : referenceAt(referenceStarts, match.indexEnd),
      overlap: overlap[index],
      distance: distance[index],
      closestReference,
    });
    // Keep only candidates for the two worst lists, so memory stays bounded for large corpora.
    if (findings.length > 4 * worst + 64) trim(findings, worst);
  });
  trim(findings, worst);

  return {
    texts: synthetic.length,
    references: references.length,
    longestSpan: summarize(longestSpan),
    overlap: summarize(overlap),
    distance: summarize(distance),
    worstBySpan: [...findings].sort(bySpan).slice(0, worst),
    worstByDistance: [...findings].sort(byDistance).slice(0, worst),
    perText: { longestSpan, overlap, distance },
  };
}

function bySpan(a: LeakageFinding, b: LeakageFinding): number {
  return b.longestSpan - a.longestSpan || a.distance - b.distance || a.index - b.index;
}

function byDistance(a: LeakageFinding, b: LeakageFinding): number {
  return a.distance - b.distance || b.longestSpan - a.longestSpan || a.index - b.index;
}

/** Keeps the union of the `worst` top findings by span and by distance, in place. */
function trim(findings: LeakageFinding[], worst: number): void {
  const keep = new Set(
    [...findings]
      .sort(bySpan)
      .slice(0, worst)
      .concat([...findings].sort(byDistance).slice(0, worst)),
  );
  const kept = findings.filter((f) => keep.has(f));
  findings.length = 0;
  findings.push(...kept);
}

/** A text's shingles as 53-bit hashes (ngram-hash.ts): no strings built per shingle. */
function shingleSet(tokens: readonly string[], size: number): Set<number> {
  return new Set(ngramKeys53(hashTokens(tokens), size));
}

/** The reference whose tokens include indexed position `end` (binary search over start offsets). */
function referenceAt(starts: readonly number[], end: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= end) low = mid;
    else high = mid - 1;
  }
  return low;
}
