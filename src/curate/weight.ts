/**
 * Per-record training weights, so training can down-weight a doubtful record instead of losing
 * it. A formula (safe expression) gives each record a raw value; weights are the raw values
 * scaled to mean 1 over the records that are exported (kept and flagged), then clipped to
 * [min, max] by water-filling: clipped records stay at their bound and the rest are rescaled so
 * the mean stays exactly 1 (possible whenever min <= 1 <= max, which the config checks).
 */

/** The weights given, as summary.json reports them. */
export interface WeightSummary {
  records: number;
  min: number;
  max: number;
  mean: number;
}

export interface WeightBounds {
  min?: number;
  max?: number;
}

/** `raw[i]` undefined: no weight for that record (left out of the normalization). */
export function normalizeWeights(raw: (number | undefined)[], bounds: WeightBounds = {}): (number | undefined)[] {
  const idx = raw.flatMap((v, i) => (v === undefined ? [] : [i]));
  const out: (number | undefined)[] = raw.map(() => undefined);
  if (idx.length === 0) return out;
  const total = idx.reduce((s, i) => s + raw[i]!, 0);
  // All zero: nothing to prefer, every record counts the same.
  if (total <= 0) {
    for (const i of idx) out[i] = 1;
    return out;
  }
  const lo = bounds.min ?? 0;
  const hi = bounds.max ?? Number.POSITIVE_INFINITY;
  const fixed = new Map<number, number>();
  for (let round = 0; round <= idx.length; round++) {
    const free = idx.filter((i) => !fixed.has(i));
    const budget = idx.length - [...fixed.values()].reduce((s, w) => s + w, 0);
    const freeTotal = free.reduce((s, i) => s + raw[i]!, 0);
    const scale = freeTotal > 0 ? budget / freeTotal : 0;
    // Clip the highs first: fixing them raises the rest, which may lift a low one back in range.
    // Only when no high is left are the lows fixed (that lowers the rest, never above max).
    const values = free.map((i) => ({ i, w: freeTotal > 0 ? raw[i]! * scale : budget / free.length }));
    const highs = values.filter((v) => v.w > hi);
    const lows = highs.length ? [] : values.filter((v) => v.w < lo);
    for (const v of highs) fixed.set(v.i, hi);
    for (const v of lows) fixed.set(v.i, lo);
    for (const v of values) out[v.i] = v.w;
    const changed = highs.length + lows.length > 0;
    if (!changed) break;
  }
  for (const [i, w] of fixed) out[i] = w;
  return out.map((w) => (w === undefined ? undefined : Math.round(w * 1e6) / 1e6));
}
