import { describe, expect, it } from 'vitest';
import { FewShotError } from '../../../src/prompting/few-shot/load-examples.js';
import { createExampleSelector, type ExampleStrategy } from '../../../src/prompting/few-shot/select-examples.js';

const examples = Array.from({ length: 10 }, (_, i) => ({ id: i, category: i % 2 === 0 ? 'billing' : 'outage', text: `example ${i}` }));

describe('createExampleSelector', () => {
  it.each<ExampleStrategy>(['random', 'round-robin', 'stratified', 'similar'])(
    '%s is deterministic per (seed, recordIdx), whatever the call order',
    (strategy) => {
      const options = { k: 3, strategy, stratifyBy: 'category', seed: 'col' };
      const record = (i: number) => ({ category: i % 3 === 0 ? 'billing' : 'outage', topic: `example ${i % 10}` });
      const forward = createExampleSelector(examples, options);
      const backward = createExampleSelector(examples, options);
      const ids = Array.from({ length: 30 }, (_, i) => i);
      const a = ids.map((i) => forward.select(i, record(i)).indexes);
      const b = [...ids]
        .reverse()
        .map((i) => backward.select(i, record(i)).indexes)
        .reverse();
      expect(a).toEqual(b);
      // Asking again for a record (a resume) gives the same examples.
      expect(forward.select(7, record(7)).indexes).toEqual(a[7]);
      for (const indexes of a) expect(new Set(indexes).size).toBe(3);
    },
  );

  it('random gives different records different examples and changes with the seed', () => {
    const s1 = createExampleSelector(examples, { k: 3, strategy: 'random', seed: 1 });
    const s2 = createExampleSelector(examples, { k: 3, strategy: 'random', seed: 2 });
    const picks1 = Array.from({ length: 20 }, (_, i) => s1.select(i, {}).indexes.join());
    const picks2 = Array.from({ length: 20 }, (_, i) => s2.select(i, {}).indexes.join());
    expect(new Set(picks1).size).toBeGreaterThan(10);
    expect(picks1).not.toEqual(picks2);
  });

  it('returns the examples at the indexes it reports', () => {
    const { examples: shown, indexes } = createExampleSelector(examples, { k: 4, strategy: 'random', seed: 5 }).select(3, {});
    expect(shown).toEqual(indexes.map((i) => examples[i]));
  });

  it('round-robin gives record i examples (i*k .. i*k+k-1) mod n and uses every example evenly', () => {
    const selector = createExampleSelector(examples, { k: 3, strategy: 'round-robin', seed: 0 });
    expect(selector.select(0, {}).indexes).toEqual([0, 1, 2]);
    expect(selector.select(3, {}).indexes).toEqual([9, 0, 1]);
    const uses = new Array(examples.length).fill(0);
    for (let i = 0; i < 37; i++) for (const j of selector.select(i, {}).indexes) uses[j]++;
    expect(Math.max(...uses) - Math.min(...uses)).toBeLessThanOrEqual(1);
    expect(uses.reduce((a, b) => a + b, 0)).toBe(37 * 3);
  });

  it('stratified shows only examples of the record’s category when there are enough', () => {
    const selector = createExampleSelector(examples, { k: 4, strategy: 'stratified', stratifyBy: 'category', seed: 's' });
    for (let i = 0; i < 20; i++) {
      const category = i % 2 ? 'outage' : 'billing';
      const { examples: shown } = selector.select(i, { category });
      expect(shown.map((e) => e.category)).toEqual([category, category, category, category]);
    }
  });

  it('stratified matches across types (a CSV "3" and a sampled 3)', () => {
    const rows = [{ level: '3' }, { level: '1' }, { level: '3' }];
    const selector = createExampleSelector(rows, { k: 2, strategy: 'stratified', stratifyBy: 'level', seed: 0 });
    expect(selector.select(0, { level: 3 }).indexes.sort()).toEqual([0, 2]);
  });

  it('stratified shows every match first and fills up at random when fewer than k match', () => {
    const rows = [{ c: 'a' }, { c: 'b' }, { c: 'b' }, { c: 'b' }, { c: 'b' }];
    const selector = createExampleSelector(rows, { k: 3, strategy: 'stratified', stratifyBy: 'c', seed: 0 });
    for (let i = 0; i < 10; i++) {
      const { indexes } = selector.select(i, { c: 'a' });
      expect(indexes[0]).toBe(0);
      expect(new Set(indexes).size).toBe(3);
    }
    // A record without the field gets k random examples.
    expect(new Set(selector.select(0, {}).indexes).size).toBe(3);
  });

  it('similar picks the obvious nearest examples, ties by index', () => {
    const docs = [
      { question: 'How do I reset my password?' },
      { question: 'My internet connection keeps dropping every evening' },
      { question: 'How do I pay my electricity bill online?' },
      { question: 'The router lights are red and the connection is down' },
      { question: 'Where can I see my bill history?' },
    ];
    const selector = createExampleSelector(docs, { k: 2, strategy: 'similar', similarFields: ['topic'], seed: 0 });
    // `mood` is not in similarFields, so "bill" does not pull in the billing questions.
    expect(selector.select(0, { topic: 'internet connection down', mood: 'bill' }).indexes.sort()).toEqual([1, 3]);
    expect(selector.select(0, { topic: 'the router is red' }).indexes[0]).toBe(3);
    expect(selector.select(1, { topic: 'paying a bill' }).indexes.sort()).toEqual([2, 4]);
    // Nothing in common: every score is zero, so the lowest indexes win.
    expect(selector.select(2, { topic: 'zebra' }).indexes).toEqual([0, 1]);
    // Without similarFields every value of the record counts.
    const all = createExampleSelector(docs, { k: 1, strategy: 'similar', seed: 0 });
    expect(all.select(0, { a: 'password', b: 'reset' }).indexes).toEqual([0]);
  });

  it.each([
    ['k larger than the examples', { k: 11, strategy: 'random' as const }, /10 examples, fewer than k=11/],
    ['k of zero', { k: 0, strategy: 'random' as const }, /k must be a whole number >= 1/],
    ['stratified without stratifyBy', { k: 2, strategy: 'stratified' as const }, /needs stratifyBy/],
    ['stratifyBy no example has', { k: 2, strategy: 'stratified' as const, stratifyBy: 'nope' }, /no example has that field/],
    ['an unknown strategy', { k: 2, strategy: 'nearest' as ExampleStrategy }, /strategy "nearest" is unknown/],
  ])('rejects %s', (_, options, message) => {
    const call = () => createExampleSelector(examples, { seed: 0, ...options });
    expect(call).toThrow(FewShotError);
    expect(call).toThrow(message);
  });

  it('rejects a negative record index', () => {
    expect(() => createExampleSelector(examples, { k: 1, strategy: 'random', seed: 0 }).select(-1, {})).toThrow(FewShotError);
  });
});
