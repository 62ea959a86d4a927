/**
 * Pearson's chi-square goodness-of-fit test: do observed counts fit expected shares? Statistic
 * sum((observed - expected)^2 / expected) over cells with expected > 0, df = cells - 1, p-value
 * from the chi-square survival function shared with the independence test.
 */
import { chiSquareSurvival } from './chi-square-independence.js';

export interface ChiSquareResult {
  statistic: number;
  df: number;
  pValue: number;
}

export function chiSquareGoodnessOfFit(observed: readonly number[], expectedShares: readonly number[]): ChiSquareResult {
  if (observed.length !== expectedShares.length) throw new RangeError('chiSquareGoodnessOfFit: observed and expected differ in length');
  const total = observed.reduce((a, b) => a + b, 0);
  const shareSum = expectedShares.reduce((a, b) => a + b, 0);
  let statistic = 0;
  let cells = 0;
  for (let i = 0; i < observed.length; i++) {
    const expected = (expectedShares[i] / shareSum) * total;
    if (expected <= 0) continue;
    cells++;
    statistic += (observed[i] - expected) ** 2 / expected;
  }
  const df = Math.max(1, cells - 1);
  return { statistic, df, pValue: total === 0 ? 1 : chiSquareSurvival(statistic, df) };
}
