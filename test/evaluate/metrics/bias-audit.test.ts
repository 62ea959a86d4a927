import { describe, expect, it } from 'vitest';
import { demographicAudit, readSignal } from '../../../src/evaluate/metrics/bias-audit.js';

const records = [
  { persona: { gender: 'f', region: 'east' }, judge: { score: 4 }, answer: 'one two three four' },
  { persona: { gender: 'f', region: 'west' }, judge: { score: '5' }, answer: 'one two' },
  { persona: { gender: 'm', region: 'east' }, judge: { score: 2 }, answer: 'one two three four five six' },
  { persona: { gender: 'm', region: 'west' }, judge: {}, answer: 'one two three four' },
];

describe('readSignal', () => {
  it('reads numbers, numeric strings, booleans and derived lengths', () => {
    expect(readSignal(records[1], 'judge.score')).toBe(5);
    expect(readSignal({ ok: true }, 'ok')).toBe(1);
    expect(readSignal(records[0], 'length:answer')).toBe(4);
    expect(readSignal(records[0], 'chars:answer')).toBe(18);
    expect(readSignal(records[3], 'judge.score')).toBeUndefined();
  });
});

describe('demographicAudit', () => {
  const audit = demographicAudit(records, { groupColumns: ['persona.gender', 'persona.region'], signals: ['judge.score', 'length:answer'] });
  it('reports counts and per-group means', () => {
    const gender = audit.columns[0];
    expect(gender.groups.map((g) => [g.value, g.count])).toEqual([
      ['f', 2],
      ['m', 2],
    ]);
    expect(gender.groups[0].means).toEqual({ 'judge.score': 4.5, 'length:answer': 3 });
    expect(gender.groups[1].means).toEqual({ 'judge.score': 2, 'length:answer': 5 });
    expect(gender.groups[1].measured['judge.score']).toBe(1);
  });
  it('lists gaps, largest relative gap first', () => {
    // Overall score mean 11/3; gender gap 2.5 -> relative 2.5 / (11/3) = 0.6818...
    // Length overall mean 4; gender gap 2 -> 0.5; region: east 5 vs west 3 -> 0.5; score region: east 3, west 5 -> 2 / (11/3).
    expect(audit.gaps[0]).toMatchObject({ column: 'persona.gender', signal: 'judge.score', gap: 2.5, highest: { group: 'f', mean: 4.5 } });
    expect(audit.gaps[0].relativeGap).toBeCloseTo(2.5 / (11 / 3), 12);
    expect(audit.gaps.map((g) => g.relativeGap!)).toEqual([...audit.gaps.map((g) => g.relativeGap!)].sort((a, b) => b - a));
    expect(audit.gaps).toHaveLength(4);
  });
  it('drops groups below minGroupSize from gaps', () => {
    const strict = demographicAudit(records, { groupColumns: ['persona.gender'], signals: ['judge.score'], minGroupSize: 2 });
    expect(strict.gaps).toHaveLength(0);
  });
});
