import { describe, expect, it } from 'vitest';
import { representativeOrder } from '../../../src/curate/dedup/choose-representative.js';
import { nearDuplicateClusters, splitClusters } from '../../../src/curate/dedup/near-dedup.js';
import { chooseShingles } from '../../../src/curate/dedup/near-dedup-settings.js';
import { wordShingles } from '../../../src/curate/dedup/normalize-text.js';
import { createShingleSketcher, exactJaccard } from '../../../src/curate/dedup/shingle-sketch.js';
import { jaccard, seededInts } from './exact-jaccard-sets.js';

function corpus(seed: number, count: number, length = 100): string[][] {
  const next = seededInts(seed);
  return Array.from({ length: count }, () => Array.from({ length }, () => `w${((next() >>> 0) % 5000).toString(36)}`));
}

describe('exact near-dedup', () => {
  it('reports the exact shingle Jaccard, equal to the Jaccard of the shingle strings', async () => {
    const [base] = corpus(1, 1);
    const copy = [...base];
    for (const at of [20, 70]) copy[at] = 'edited';
    const texts = [base.join(' '), copy.join(' ')];
    const truth = jaccard(wordShingles(texts[0], 5), wordShingles(texts[1], 5));
    const { pairs } = await nearDuplicateClusters(texts);
    expect(pairs).toHaveLength(1);
    expect(pairs[0].similarity).toBeCloseTo(truth, 12);
    // At a threshold just above the truth the pair goes: no estimate lets it through.
    expect((await nearDuplicateClusters(texts, { threshold: truth + 1e-9 })).pairs).toEqual([]);
  });

  it('splits a chain so nothing is dropped against a representative below the threshold', async () => {
    const [a] = corpus(2, 1);
    const b = [...a];
    for (let k = 0; k < 2; k++) b[10 + 30 * k] = `b${k}`;
    const c = [...b];
    for (let k = 0; k < 2; k++) c[25 + 30 * k] = `c${k}`;
    const texts = [a, b, c].map((w) => w.join(' '));
    const j = (x: number, y: number) => jaccard(wordShingles(texts[x], 5), wordShingles(texts[y], 5));
    expect(j(0, 1)).toBeGreaterThanOrEqual(0.8);
    expect(j(1, 2)).toBeGreaterThanOrEqual(0.8);
    expect(j(0, 2)).toBeLessThan(0.8);
    const { clusters, pairs } = await nearDuplicateClusters(texts);
    expect(clusters).toEqual([[0, 1, 2]]); // one connected group...
    const groups = splitClusters(clusters, pairs, representativeOrder('first', { texts }));
    // ...split: 0 keeps 1; 2 is not similar enough to 0, so it stays as its own representative.
    expect(groups).toEqual([{ representative: 0, duplicates: [{ index: 1, similarity: j(0, 1) }] }]);
  });

  it('finds every pair at Jaccard >= 0.8 in a planted corpus, checked exhaustively', async () => {
    const docs = corpus(3, 400);
    const next = seededInts(9);
    for (let k = 0; k < 80; k++) {
      const copy = [...docs[(next() >>> 0) % 400]];
      const edits = (next() >>> 0) % 8;
      for (let e = 0; e < edits; e++) copy[(next() >>> 0) % copy.length] = `x${k}_${e}`;
      docs.push(copy);
    }
    const texts = docs.map((d) => d.join(' '));
    const shingles = texts.map((t) => wordShingles(t, 5));
    const truth: string[] = [];
    for (let a = 0; a < texts.length; a++) for (let b = a + 1; b < texts.length; b++) if (jaccard(shingles[a], shingles[b]) >= 0.8) truth.push(`${a},${b}`);
    const { pairs } = await nearDuplicateClusters(texts);
    expect(truth.length).toBeGreaterThan(15);
    expect(pairs.map((p) => `${p.a},${p.b}`)).toEqual(truth);
  });

  it('gives the same result with worker threads', async () => {
    const texts = corpus(4, 300).map((w) => w.join(' '));
    texts.push(`${texts[3]} extra`, texts[7].toUpperCase());
    const one = await nearDuplicateClusters(texts);
    const two = await nearDuplicateClusters(texts, { workers: 2 });
    expect(two).toEqual(one);
    expect(one.clusters).toEqual([
      [3, 300],
      [7, 301],
    ]);
  });

  it('chooses character shingles for short texts and word shingles for long ones, unless told', () => {
    const short = ['The booking page crashed twice this morning, please fix it soon.', 'Great app for booking a clinic slot.'];
    const long = [Array.from({ length: 150 }, (_, i) => `word${i}`).join(' ')];
    expect(chooseShingles(short, {})).toMatchObject({ unit: 'char', size: 5 });
    expect(chooseShingles(long, {})).toMatchObject({ unit: 'word', size: 5 });
    expect(chooseShingles(short, { size: 3 })).toMatchObject({ unit: 'word', size: 3, basis: 'explicit' });
    expect(chooseShingles(long, { unit: 'char' })).toMatchObject({ unit: 'char', size: 5, basis: 'explicit' });
  });

  it('normalizes ASCII and non-ASCII text the same way as normalizeForDedup', () => {
    const sketcher = createShingleSketcher({ unit: 'word', size: 2, bands: 2, rows: 2, seed: 1 });
    const keys = new Uint32Array(4);
    const ascii = sketcher.sketch('Hello,   WORLD! well-known\tthing', keys, 0);
    const unicode = sketcher.sketch('ＨＥＬＬＯ world — well known thing', keys, 0);
    expect(exactJaccard(ascii, unicode)).toBe(1);
  });
});
