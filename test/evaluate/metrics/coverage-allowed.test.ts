import { describe, expect, it } from 'vitest';
import { builtinColumnKinds } from '../../../src/columns/registry.js';
import { combinationCoverage } from '../../../src/evaluate/metrics/coverage.js';

describe('coverage of a subcategory counts only the pairs the recipe allows', () => {
  const kind = builtinColumnKinds.kinds.find((k) => k.kind === 'subcategory')!;
  const column = kind.schema.parse({
    name: 'topic',
    kind: 'subcategory',
    parent: 'service',
    values: { booking: ['slots', 'cancel', 'reminders'], payments: ['cards', 'refunds'], records: ['vaccines'] },
  });
  const attributes = kind.attributes!(column);
  const allowed = attributes.allowed!['service\u0000topic'];

  it('the subcategory kind lists each parent with its own children', () => {
    expect(allowed).toEqual([
      ['booking', 'slots'],
      ['booking', 'cancel'],
      ['booking', 'reminders'],
      ['payments', 'cards'],
      ['payments', 'refunds'],
      ['records', 'vaccines'],
    ]);
  });

  it('every allowed pair produced gives 100%, where the full product would give 6 of 18', () => {
    const records = allowed.flatMap(([service, topic]) => [
      { service, topic },
      { service, topic },
    ]);
    const full = combinationCoverage(records, ['service', 'topic']);
    expect(full.possible).toBe(18);
    expect(full.coverage).toBeCloseTo(6 / 18, 12);
    const real = combinationCoverage(records, ['service', 'topic'], { allowed });
    expect(real).toMatchObject({ possible: 6, observed: 6, coverage: 1, missing: [], allowed_only: true, disallowed: 0 });
  });

  it('lists the allowed pairs never produced, and counts impossible pairs apart', () => {
    const records = [
      { service: 'booking', topic: 'slots' },
      { service: 'payments', topic: 'cards' },
      { service: 'records', topic: 'cards' }, // not allowed
    ];
    const result = combinationCoverage(records, ['service', 'topic'], { allowed });
    expect(result.observed).toBe(2);
    expect(result.coverage).toBeCloseTo(2 / 6, 12);
    expect(result.disallowed).toBe(1);
    expect(result.missing).toEqual([
      ['booking', 'cancel'],
      ['booking', 'reminders'],
      ['payments', 'refunds'],
      ['records', 'vaccines'],
    ]);
  });
});

describe('coverage weighted by _weight', () => {
  it('reports shares as the curation weights make them, beside the plain counts', async () => {
    const { evaluate } = await import('../../../src/evaluate/evaluate.js');
    // 3 'a' records of weight 0.5 and 1 'b' record of weight 1.5: plain share of a is 75%, weighted 50%.
    const records = [
      { text: 'one', t: 'a', _weight: 0.5 },
      { text: 'two', t: 'a', _weight: 0.5 },
      { text: 'three', t: 'a', _weight: 0.5 },
      { text: 'four', t: 'b', _weight: 1.5 },
    ];
    const { metrics } = await evaluate(records, { columns: ['text'], coverage: { columns: ['t'] } }, { write: false });
    expect(metrics.coverage.columns.t.counts[0]).toMatchObject({ value: 'a', count: 3, share: 0.75 });
    expect(metrics.coverage.weighted!.field).toBe('_weight');
    expect(metrics.coverage.weighted!.columns.t.counts.map((c) => [c.value, c.share])).toEqual([
      ['a', 0.5],
      ['b', 0.5],
    ]);
    const off = await evaluate(records, { columns: ['text'], coverage: { columns: ['t'], weight_field: false } }, { write: false });
    expect(off.metrics.coverage.weighted).toBeNull();
  });
});
