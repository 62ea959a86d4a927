import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluate/evaluate.js';
import { plantedSet } from '../../support/planted-corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'synthkit-membership-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Real records from one source, split before "generation" into seen (train) and unseen (holdout).
const real = plantedSet('short', { clean: 300, planted: 0, seed: 21 }).texts;
const train = real.slice(0, 150);
const holdout = real.slice(150);
writeFileSync(join(dir, 'train.jsonl'), train.map((text) => JSON.stringify({ text })).join('\n'));
writeFileSync(join(dir, 'holdout.jsonl'), holdout.map((text) => JSON.stringify({ text })).join('\n'));
const config = { membership: { train: join(dir, 'train.jsonl'), holdout: join(dir, 'holdout.jsonl') } };

describe('membership inference (DCR against a holdout)', () => {
  it('finds no evidence when the synthetic records are fresh draws from the same distribution', async () => {
    const fresh = plantedSet('short', { clean: 150, planted: 0, seed: 99 }).texts.map((text, i) => ({ id: `s${i}`, text }));
    const { metrics } = await evaluate(fresh, config, { write: false });
    const m = metrics.membership!;
    expect(m.verdict).toBe('no evidence');
    expect(m.attack_auc).toBeGreaterThan(0.35);
    expect(m.attack_auc).toBeLessThan(0.65);
    expect(m.near_copies).toEqual([]);
  });

  it('finds memorization when a third of the records are light paraphrases of seen records, and lists every one', async () => {
    const fresh = plantedSet('short', { clean: 100, planted: 0, seed: 99 }).texts;
    const copies = train.slice(0, 50).map((t) => t.replace(/\bI\b/u, 'We').replace(/\.$/u, '!'));
    const records = [...fresh, ...copies].map((text, i) => ({ id: `s${i}`, text }));
    const { metrics } = await evaluate(records, config, { write: false });
    const m = metrics.membership!;
    expect(m.verdict).toBe('evidence of memorization');
    expect(m.attack_auc_ci[0]).toBeGreaterThan(0.55);
    expect(m.closer_to_train).toBeGreaterThan(m.expected_closer_to_train);
    // Every copy within distance 0.2 (Jaccard >= 0.8 of word 3-grams) is listed, and nothing else.
    const copyIds = new Set(copies.map((_, k) => `s${100 + k}`));
    expect(m.near_copies.length).toBeGreaterThanOrEqual(40);
    for (const c of m.near_copies) {
      expect(copyIds.has(c.record)).toBe(true);
      expect(c.distance).toBeLessThanOrEqual(0.2);
      expect(train[c.train_index].slice(-30, -1)).toBe(records.find((r) => r.id === c.record)!.text.slice(-30, -1));
    }
  });
});
