import { describe, expect, it } from 'vitest';
import { contaminatedIndexes } from '../../../src/curate/dedup/decontaminate.js';

const question = 'Which planet in our solar system has the longest day, measured in Earth hours, and why is that so?';

describe('contaminatedIndexes', () => {
  it('flags texts that share a 13-word n-gram with an eval text, after normalization', () => {
    const texts = [
      'Quiz time! WHICH planet in our solar system has the longest day — measured in Earth hours, and more.', // 13+ shared words
      'Venus rotates slowly; its day is longer than its year.',
      'in our solar system has the longest day measured in earth hours and', // exactly 13 words, all shared
    ];
    const hits = contaminatedIndexes(texts, ['Unrelated eval item about chemistry and acids and bases today.', question]);
    expect([...hits.keys()]).toEqual([0, 2]);
    expect(hits.get(0)).toEqual({ evalIndex: 1, ngram: 'which planet in our solar system has the longest day measured in earth' });
    expect(hits.get(2)?.ngram.split(' ')).toHaveLength(13);
  });

  it('does not flag an overlap of 12 words', () => {
    const twelve = 'planet in our solar system has the longest day measured in earth';
    expect(contaminatedIndexes([`x ${twelve} y`], [question]).size).toBe(0);
    expect(contaminatedIndexes([`x ${twelve} y`], [question], { n: 12 }).size).toBe(1);
  });

  it('matches a short eval text (8-12 words) as a whole, and skips one under 8 words', () => {
    const shortEval = 'What is the boiling point of water at sea level?'; // 10 words
    const texts = ['Tell me: what is the boiling point of water at sea level? Thanks.', 'what is the boiling point of water'];
    const hits = contaminatedIndexes(texts, [shortEval, 'Name a colour.']);
    expect([...hits.entries()]).toEqual([[0, { evalIndex: 0, ngram: 'what is the boiling point of water at sea level' }]]);
    expect(contaminatedIndexes(['Name a colour please'], ['Name a colour.']).size).toBe(0);
  });

  it('reports the first eval text holding the n-gram', () => {
    const hits = contaminatedIndexes([question], ['nothing shared here at all, not one bit of it really', question, question]);
    expect(hits.get(0)?.evalIndex).toBe(1);
  });

  it('handles empty inputs', () => {
    expect(contaminatedIndexes([], [question]).size).toBe(0);
    expect(contaminatedIndexes(['', question], []).size).toBe(0);
  });
});
