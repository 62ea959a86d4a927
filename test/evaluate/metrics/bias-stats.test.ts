import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/evaluate/evaluate.js';
import { demographicAudit } from '../../../src/evaluate/metrics/bias-audit.js';
import { chiSquareIndependence, chiSquareSurvival } from '../../../src/evaluate/metrics/chi-square-independence.js';

describe('bias audit statistics', () => {
  it('chi-square survival matches tabulated critical values', () => {
    expect(chiSquareSurvival(3.841, 1)).toBeCloseTo(0.05, 3);
    expect(chiSquareSurvival(9.21, 2)).toBeCloseTo(0.01, 3);
    // 2x2 table: 30/10 vs 10/30 -> chi2 = 20, df 1.
    expect(
      chiSquareIndependence([
        [30, 10],
        [10, 30],
      ]),
    ).toMatchObject({ statistic: 20, df: 1 });
  });

  it('gives the gap a Welch interval, an effect size and a p-value', () => {
    // Group a: 40 values alternating 3/5 (mean 4, sd ~1.01); group b: 40 values alternating 2/4 (mean 3).
    const records = [
      ...Array.from({ length: 40 }, (_, i) => ({ g: 'a', s: i % 2 ? 3 : 5 })),
      ...Array.from({ length: 40 }, (_, i) => ({ g: 'b', s: i % 2 ? 2 : 4 })),
    ];
    const [gap] = demographicAudit(records, { groupColumns: ['g'], signals: ['s'] }).gaps;
    const sd = Math.sqrt(40 / 39);
    const se = Math.sqrt((2 * sd * sd) / 40);
    expect(gap.gap).toBe(1);
    expect(gap.gapCi![0]).toBeCloseTo(1 - 1.96 * se, 10);
    expect(gap.effectSize).toBeCloseTo(1 / sd, 10);
    expect(gap.p).toBeLessThan(0.001);
  });

  it('hides a group of 7 by default, and tests a yes/no signal with chi-square', async () => {
    const records = [
      ...Array.from({ length: 60 }, (_, i) => ({ text: `record ${i} about the clinic`, region: 'north', sentiment: i % 3 === 0 ? 'negative' : 'positive' })),
      ...Array.from({ length: 60 }, (_, i) => ({ text: `record ${i} about the app`, region: 'south', sentiment: i % 4 === 0 ? 'negative' : 'positive' })),
      ...Array.from({ length: 7 }, (_, i) => ({ text: `rare ${i}`, region: 'islands', sentiment: 'negative' })),
    ];
    const { metrics } = await evaluate(records, { columns: ['text'], bias: { groups: ['region'], signals: ['share:sentiment=negative'] } }, { write: false });
    const [gap] = metrics.bias!.gaps;
    expect(gap.hiddenGroups).toBe(1); // the 7 islands records, all negative, would otherwise top the list
    expect([gap.highest.group, gap.lowest.group]).toEqual(['north', 'south']);
    // 20/60 vs 15/60 negative: chi-square 1.008 on 1 df, p 0.315: no evidence the share depends on region.
    expect(gap.chiSquare!.df).toBe(1);
    expect(gap.chiSquare!.statistic).toBeCloseTo(1.0084, 3);
    expect(gap.chiSquare!.p).toBeCloseTo(0.3153, 3);
  });
});
