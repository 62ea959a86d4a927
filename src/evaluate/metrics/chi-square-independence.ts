/**
 * Pearson's chi-square test of independence on a table of counts (the bias audit: is a 0/1 signal
 * independent of the group?). Rows or columns of zeros are dropped; df = (rows-1)(columns-1); the
 * p-value is the chi-square survival function Q(df/2, x/2) (Numerical Recipes 6.2: series for
 * x < a + 1, Lentz continued fraction otherwise), which chi-square.ts's goodness-of-fit test uses too.
 */
export interface IndependenceResult {
  statistic: number;
  df: number;
  p: number;
}

export function chiSquareIndependence(table: readonly (readonly number[])[]): IndependenceResult {
  const rows = table.filter((r) => r.some((v) => v > 0));
  const columnTotals = rows[0]?.map((_, j) => rows.reduce((s, r) => s + r[j], 0)) ?? [];
  const keep = columnTotals.map((t) => t > 0);
  const kept = rows.map((r) => r.filter((_, j) => keep[j]));
  const colTotals = columnTotals.filter((_, j) => keep[j]);
  const total = colTotals.reduce((s, v) => s + v, 0);
  let statistic = 0;
  for (const r of kept) {
    const rowTotal = r.reduce((s, v) => s + v, 0);
    r.forEach((observed, j) => {
      const expected = (rowTotal * colTotals[j]) / total;
      if (expected > 0) statistic += (observed - expected) ** 2 / expected;
    });
  }
  const df = (kept.length - 1) * (colTotals.length - 1);
  return { statistic, df, p: df > 0 ? chiSquareSurvival(statistic, df) : Number.NaN };
}

/** P(X >= x) for X ~ chi-square with `df` degrees of freedom. */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  const a = df / 2;
  const y = x / 2;
  const lnGammaA = logGamma(a);
  if (y < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500; n++) {
      term *= y / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.max(0, 1 - sum * Math.exp(-y + a * Math.log(y) - lnGammaA));
  }
  let b = y + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.min(1, Math.exp(-y + a * Math.log(y) - lnGammaA) * h);
}

/** Lanczos approximation (g = 7, n = 9). */
function logGamma(z: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const x = z - 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
