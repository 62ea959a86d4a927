/** Test helper: the share of each value among `draws`, keyed by String(value). */
export function shares(draws: readonly unknown[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of draws) counts.set(String(d), (counts.get(String(d)) ?? 0) + 1);
  for (const [k, n] of counts) counts.set(k, n / draws.length);
  return counts;
}

/** Expected shares from relative weights, keyed like `shares`. */
export function expectedShares(values: readonly unknown[], weights: readonly number[]): Map<string, number> {
  const total = weights.reduce((a, b) => a + b, 0);
  return new Map(values.map((v, i) => [String(v), weights[i] / total]));
}

/** The largest absolute gap between observed and expected shares (a value never drawn counts as 0). */
export function maxShareError(observed: Map<string, number>, expected: Map<string, number>): number {
  let worst = 0;
  for (const key of new Set([...observed.keys(), ...expected.keys()])) {
    worst = Math.max(worst, Math.abs((observed.get(key) ?? 0) - (expected.get(key) ?? 0)));
  }
  return worst;
}

export function draw<T>(n: number, f: () => T): T[] {
  return Array.from({ length: n }, f);
}
