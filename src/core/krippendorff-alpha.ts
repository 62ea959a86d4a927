/**
 * Krippendorff's alpha: the agreement among any number of raters (e.g. LLM judges in an ensemble,
 * or human reviewers) beyond what chance would give, tolerant of missing ratings.
 *
 * alpha = 1 - D_o / D_e, observed over expected disagreement, computed through the coincidence
 * matrix exactly as in Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability"
 * (Annenberg School for Communication, University of Pennsylvania), section E:
 * - a unit (item) rated by m_u >= 2 raters contributes, for every ordered pair of its ratings
 *   (c, k) from different raters, 1/(m_u - 1) to the coincidence o_ck; units with fewer than two
 *   ratings are not pairable and are left out;
 * - n_c = sum_k o_ck, n = sum_c n_c (the number of pairable ratings);
 * - alpha = 1 - (n - 1) * sum_{c,k} o_ck delta^2_ck / sum_{c,k} n_c n_k delta^2_ck.
 * The difference function delta^2 depends on the level of measurement (section E of the paper):
 * nominal 0/1; ordinal (sum_{g=c..k} n_g - (n_c + n_k)/2)^2 over the ranked values; interval
 * (c - k)^2; ratio ((c - k)/(c + k))^2.
 *
 * alpha is 1 for perfect agreement and 0 for chance agreement; it can be negative for systematic
 * disagreement. When the data show no variation at all (every pairable rating equal), or fewer
 * than two ratings are pairable, D_e is 0 and alpha is undefined: we return NaN rather than guess.
 */

export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/**
 * `data[r][u]` is rater r's value for unit u, or null (also undefined or NaN) when r did not rate
 * u. Raters may have rows of different lengths; a missing tail counts as missing ratings.
 */
export function krippendorffAlpha(data: ReadonlyArray<ReadonlyArray<number | null | undefined>>, level: MeasurementLevel): number {
  if (level !== 'nominal' && level !== 'ordinal' && level !== 'interval' && level !== 'ratio') {
    throw new RangeError(`krippendorffAlpha: unknown level "${level as string}" (nominal, ordinal, interval, ratio)`);
  }
  const units = Math.max(0, ...data.map((row) => row.length));

  // The ratings of each pairable unit, and the sorted distinct values among them.
  const unitValues: number[][] = [];
  const distinct = new Set<number>();
  for (let u = 0; u < units; u++) {
    const values: number[] = [];
    for (const row of data) {
      const v = row[u];
      if (v === null || v === undefined || Number.isNaN(v)) continue;
      if (!Number.isFinite(v)) throw new RangeError(`krippendorffAlpha: value ${v} for unit ${u} is not finite`);
      if (level === 'ratio' && v < 0) {
        throw new RangeError(`krippendorffAlpha: ratio data cannot be negative (unit ${u} has ${v})`);
      }
      values.push(v);
    }
    if (values.length < 2) continue;
    unitValues.push(values);
    for (const v of values) distinct.add(v);
  }
  const sorted = [...distinct].sort((a, b) => a - b);
  const size = sorted.length;
  const indexOf = new Map(sorted.map((v, i) => [v, i]));

  // Coincidence matrix: a unit with counts n_uc adds n_uc * n_uk / (m_u - 1) off the diagonal and
  // n_uc * (n_uc - 1) / (m_u - 1) on it, the closed form of "every ordered pair of ratings".
  const o = new Float64Array(size * size);
  for (const values of unitValues) {
    const counts = new Map<number, number>();
    for (const v of values) {
      const c = indexOf.get(v)!;
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const weight = 1 / (values.length - 1);
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        o[c * size + k] += (c === k ? nc * (nc - 1) : nc * nk) * weight;
      }
    }
  }
  const marginals = new Float64Array(size);
  let n = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) marginals[c] += o[c * size + k];
    n += marginals[c];
  }

  const delta2 = differenceFunction(level, sorted, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      if (c === k) continue; // every delta^2 is 0 on the diagonal
      const d = delta2(c, k);
      observed += o[c * size + k] * d;
      expected += marginals[c] * marginals[k] * d;
    }
  }
  if (n < 2 || expected === 0) return Number.NaN;
  return 1 - ((n - 1) * observed) / expected;
}

/** delta^2 between the c-th and k-th smallest values (Krippendorff 2011, section E). */
function differenceFunction(level: MeasurementLevel, values: number[], marginals: Float64Array): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (values[c] - values[k]) ** 2;
    case 'ratio':
      return (c, k) => {
        const sum = values[c] + values[k];
        return sum === 0 ? 0 : ((values[c] - values[k]) / sum) ** 2;
      };
    case 'ordinal': {
      // cumulative[g] = n_0 + ... + n_{g-1}, so sum_{g=lo..hi} n_g = cumulative[hi+1] - cumulative[lo].
      const cumulative = new Float64Array(values.length + 1);
      for (let g = 0; g < values.length; g++) cumulative[g + 1] = cumulative[g] + marginals[g];
      return (c, k) => {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        return (cumulative[hi + 1] - cumulative[lo] - (marginals[lo] + marginals[hi]) / 2) ** 2;
      };
    }
  }
}
