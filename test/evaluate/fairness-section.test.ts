import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.js';

describe('fairness section', () => {
  it('reports target vs achieved per group with the chi-square test in metrics.json and report.html', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fairness-'));
    const records = [
      ...Array.from({ length: 30 }, (_, i) => ({ _id: `a${i}`, text: `older resident note ${i}`, who: { age: '65+', gender: 'f' } })),
      ...Array.from({ length: 10 }, (_, i) => ({ _id: `b${i}`, text: `younger resident note ${i}`, who: { age: '18-29', gender: 'f' } })),
    ];
    const { metrics } = await evaluate(
      records,
      { columns: ['text'], fairness: { columns: ['who.age', 'who.gender'], target: { '65+|f': 1, '18-29|f': 1 } } },
      { out },
    );
    const fairness = (
      metrics as unknown as { fairness: { met: boolean; groups: { group: string; achieved: number; shortfall: number }[]; test: { pValue: number } } }
    ).fairness;
    expect(fairness.met).toBe(false);
    expect(fairness.groups.map((g) => [g.group, g.achieved, g.shortfall])).toEqual([
      ['65+|f', 30, 0],
      ['18-29|f', 10, 10],
    ]);
    // chi2 = (30-20)^2/20 + (10-20)^2/20 = 10, df 1
    expect(fairness.test.pValue).toBeCloseTo(0.001565, 5);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toContain('Fairness quotas');
    expect(report).toContain('18-29|f');
  });
});
