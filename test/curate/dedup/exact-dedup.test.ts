import { describe, expect, it } from 'vitest';
import { exactDuplicateClusters } from '../../../src/curate/dedup/exact-dedup.js';

describe('exactDuplicateClusters', () => {
  it('groups texts equal after normalization, ordered by first index', async () => {
    const texts = [
      'The quick brown fox.', // 0
      'Something else entirely', // 1
      'the QUICK   brown fox', // 2
      'something else, entirely!', // 3
      'unique', // 4
      'The quick brown fox', // 5
    ];
    expect(await exactDuplicateClusters(texts)).toEqual([
      [0, 2, 5],
      [1, 3],
    ]);
  });

  it('returns no clusters when all texts differ, and handles an empty list', async () => {
    expect(await exactDuplicateClusters(['a', 'b', 'a b'])).toEqual([]);
    expect(await exactDuplicateClusters([])).toEqual([]);
  });

  it('does not merge texts that differ by a word or by diacritics', async () => {
    expect(await exactDuplicateClusters(['the cat sat', 'the cat sat down', 'café', 'cafe'])).toEqual([]);
  });
});
