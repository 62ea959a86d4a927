/**
 * Summary statistics shared by the distribution metrics (nearest-neighbour similarity, leakage).
 * Quantiles interpolate linearly between order statistics: Hyndman & Fan (1996) type 7, the
 * default of numpy, R and pandas, so figures match what a reader would compute there.
 */
export interface Summary {
  count: number;
  mean: number;
  min: number;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  p99: number;
  max: number;
}

/** The type-7 quantile `q` (0..1) of already sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

/** Count, mean and quantiles of `values`; every figure is NaN (count 0) when there are none. */
export function summarize(values: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  let total = 0;
  for (let i = 0; i < sorted.length; i++) total += sorted[i];
  return {
    count: sorted.length,
    mean: sorted.length === 0 ? Number.NaN : total / sorted.length,
    min: sorted.length === 0 ? Number.NaN : sorted[0],
    p05: quantileSorted(sorted, 0.05),
    p25: quantileSorted(sorted, 0.25),
    p50: quantileSorted(sorted, 0.5),
    p75: quantileSorted(sorted, 0.75),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1],
  };
}

export interface Histogram {
  /** Bin edges, `bins + 1` of them, ascending. */
  edges: number[];
  /** Values per bin; bin i holds [edges[i], edges[i+1]), the last bin also holds its upper edge. */
  counts: number[];
}

/** Equal-width histogram of `values` over [min, max]; values outside are clamped into the end bins. */
export function histogram(values: ArrayLike<number>, bins: number, min: number, max: number): Histogram {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`histogram: bins must be a positive integer, got ${bins}`);
  if (!(max > min)) throw new RangeError(`histogram: max (${max}) must be greater than min (${min})`);
  const width = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => min + i * width);
  edges[bins] = max;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const bin = Math.floor((values[i] - min) / width);
    counts[Math.min(bins - 1, Math.max(0, bin))]++;
  }
  return { edges, counts };
}
