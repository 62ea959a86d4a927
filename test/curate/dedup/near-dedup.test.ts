import { describe, expect, it } from 'vitest';
import { nearDuplicateClusters } from '../../../src/curate/dedup/near-dedup.js';
import { wordShingles } from '../../../src/curate/dedup/normalize-text.js';
import { jaccard, seededInts } from './exact-jaccard-sets.js';

function corpus(seed: number, count: number): string[] {
  const next = seededInts(seed);
  const vocabulary = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`);
  return Array.from({ length: count }, () =>
    Array.from({ length: 90 + ((next() >>> 0) % 30) }, () => vocabulary[(next() >>> 0) % vocabulary.length]).join(' '),
  );
}

function replaceWord(text: string, position: number, word: string): string {
  const words = text.split(' ');
  words[position] = word;
  return words.join(' ');
}

describe('nearDuplicateClusters', () => {
  it('finds planted near-duplicates, joins chains into one cluster, and leaves distinct texts alone', async () => {
    const texts = corpus(3, 300);
    const copyA = replaceWord(texts[5], 40, 'edited'); // 300: one word changed, J ~ 0.9
    const copyB = replaceWord(texts[5], 70, 'changed'); // 301: another word changed
    texts.push(copyA, copyB);
    texts.push(texts[17].toUpperCase().replace(/ /g, ',  ') + '!'); // 302: same words, other casing/punctuation
    let rewritten = texts[40];
    for (let p = 0; p < 80; p += 4) rewritten = replaceWord(rewritten, p, `new${p}`); // 303: 20 edits, J << 0.8
    texts.push(rewritten);
    texts.push('', '...'); // 304, 305: no words, left out

    expect(jaccard(wordShingles(texts[5], 5), wordShingles(copyA, 5))).toBeGreaterThan(0.88);
    expect(jaccard(wordShingles(texts[40], 5), wordShingles(rewritten, 5))).toBeLessThan(0.3);

    const { clusters, pairs } = await nearDuplicateClusters(texts);
    expect(clusters).toEqual([
      [5, 300, 301],
      [17, 302],
    ]);
    expect(pairs.map(({ a, b }) => [a, b])).toContainEqual([5, 300]);
    expect(pairs.map(({ a, b }) => [a, b])).toContainEqual([17, 302]);
    for (const pair of pairs) {
      expect(pair.a).toBeLessThan(pair.b);
      expect(pair.similarity).toBeGreaterThanOrEqual(0.8);
    }
    expect(pairs.find((p) => p.a === 17)?.similarity).toBe(1);
  });

  it('honours a stricter threshold', async () => {
    const texts = corpus(4, 50);
    texts.push(replaceWord(replaceWord(replaceWord(texts[0], 10, 'x'), 30, 'y'), 50, 'z')); // J ~ 0.73
    expect((await nearDuplicateClusters(texts, { threshold: 0.6 })).clusters).toEqual([[0, 50]]);
    expect((await nearDuplicateClusters(texts, { threshold: 0.95 })).clusters).toEqual([]);
  });

  it('rejects a threshold outside [0, 1]', async () => {
    await expect(nearDuplicateClusters(['a b c'], { threshold: 1.5 })).rejects.toThrow(RangeError);
  });
});
