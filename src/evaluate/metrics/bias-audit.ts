import { chiSquareIndependence } from './chi-square-independence.js';
import { getPath } from '../../core/field-path.js';
import { valueKey } from './coverage.js';
import { wordTokens } from '../../core/tokenize.js';

/**
 * Demographic audit: does a measured signal (judge score, answer length, refusal flag) differ
 * between groups of a persona attribute? This is the descriptive "group means and gaps" check of
 * demographic-parity style audits (e.g. Dwork et al. 2012 frame parity as equal outcome rates
 * across groups); it reports disparities, it does not test significance.
 *
 * Signals:
 * - a dotted field path ("judge.score"): finite numbers count, booleans as 1/0, numeric strings
 *   are parsed; anything else is skipped for that record;
 * - "length:FIELD": words in the text field (the shared tokenizer), e.g. "length:answer";
 * - "chars:FIELD": characters in the text field.
 *
 * Each group column is audited on its own. For each signal, gap = max - min of the group means
 * among groups with at least `minGroupSize` values (default 1), and relative gap = gap divided by
 * the absolute overall mean (null when that mean is 0). Gaps are listed largest relative gap first,
 * because relative gaps compare across signals of different scales (words vs a 1-5 score).
 */
export interface DemographicAuditOptions {
  groupColumns: readonly string[];
  signals: readonly string[];
  /** Groups with fewer values of a signal are left out of its gap; default 1. */
  minGroupSize?: number;
}

export interface GroupRow {
  value: string;
  count: number;
  /** Per signal, the mean over the group's records that have it; null when none do. */
  means: Record<string, number | null>;
  /** Per signal, how many of the group's records had a value. */
  measured: Record<string, number>;
  /** Per signal, the sample standard deviation (null below two values). */
  sds?: Record<string, number | null>;
  /** Per signal, how many values were 1 when every value is 0 or 1 (else null). */
  ones?: Record<string, number | null>;
}

export interface SignalGap {
  column: string;
  signal: string;
  overallMean: number;
  highest: { group: string; mean: number };
  lowest: { group: string; mean: number };
  gap: number;
  relativeGap: number | null;
  /** 95% interval of the highest-minus-lowest difference in means (Welch, normal approximation). */
  gapCi: [number, number] | null;
  /** Cohen's d of the two groups (difference over their pooled standard deviation). */
  effectSize: number | null;
  /** Two-sided p-value of the difference (Welch z-test). */
  p: number | null;
  /** For a 0/1 signal: Pearson's chi-square test of independence across every eligible group. */
  chiSquare: { statistic: number; df: number; p: number } | null;
  /** Groups left out of this gap for having fewer than the minimum size of measured records. */
  hiddenGroups: number;
}

export interface DemographicAudit {
  records: number;
  columns: { column: string; groups: GroupRow[] }[];
  /** Every (column, signal) gap, largest relative gap first (absolute gap breaks ties). */
  gaps: SignalGap[];
}

/** Reads one signal of a record as a number, or undefined when it has none. */
export function readSignal(record: unknown, signal: string): number | undefined {
  if (signal.startsWith('length:') || signal.startsWith('chars:')) {
    const [kind, path] = [signal.slice(0, signal.indexOf(':')), signal.slice(signal.indexOf(':') + 1)];
    const text = getPath(record, path);
    if (typeof text !== 'string') return undefined;
    return kind === 'length' ? wordTokens(text).length : text.length;
  }
  const value = getPath(record, signal);
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Welch's difference of two group means: 95% interval, Cohen's d and a two-sided p-value (normal approximation). */
function differenceStats(high: GroupRow, low: GroupRow, signal: string): Pick<SignalGap, 'gapCi' | 'effectSize' | 'p'> {
  const n1 = high.measured[signal];
  const n2 = low.measured[signal];
  const s1 = high.sds?.[signal];
  const s2 = low.sds?.[signal];
  if (s1 === null || s1 === undefined || s2 === null || s2 === undefined) return { gapCi: null, effectSize: null, p: null };
  const diff = high.means[signal]! - low.means[signal]!;
  const se = Math.sqrt((s1 * s1) / n1 + (s2 * s2) / n2);
  const pooled = Math.sqrt(((n1 - 1) * s1 * s1 + (n2 - 1) * s2 * s2) / (n1 + n2 - 2));
  if (se === 0) return { gapCi: [diff, diff], effectSize: null, p: diff === 0 ? 1 : 0 };
  const z = diff / se;
  return { gapCi: [diff - 1.96 * se, diff + 1.96 * se], effectSize: pooled > 0 ? diff / pooled : null, p: 2 * (1 - normalCdf(Math.abs(z))) };
}

function normalCdf(z: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(z)) / Math.SQRT2);
  const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export function demographicAudit(records: Iterable<unknown>, options: DemographicAuditOptions): DemographicAudit {
  const { groupColumns, signals } = options;
  const minGroupSize = options.minGroupSize ?? 1;
  if (groupColumns.length === 0) throw new RangeError('demographicAudit: name at least one group column');
  if (signals.length === 0) throw new RangeError('demographicAudit: name at least one signal');

  interface Accumulator {
    count: number;
    sums: number[];
    squares: number[];
    measured: number[];
    ones: number[];
    binary: boolean[];
  }
  const perColumn = groupColumns.map(() => new Map<string, Accumulator>());
  const overallSums = signals.map(() => 0);
  const overallMeasured = signals.map(() => 0);
  let total = 0;
  for (const record of records) {
    total++;
    const values = signals.map((signal) => readSignal(record, signal));
    values.forEach((value, s) => {
      if (value === undefined) return;
      overallSums[s] += value;
      overallMeasured[s]++;
    });
    groupColumns.forEach((column, c) => {
      const group = valueKey(getPath(record, column));
      let acc = perColumn[c].get(group);
      if (acc === undefined) {
        acc = {
          count: 0,
          sums: signals.map(() => 0),
          squares: signals.map(() => 0),
          measured: signals.map(() => 0),
          ones: signals.map(() => 0),
          binary: signals.map(() => true),
        };
        perColumn[c].set(group, acc);
      }
      acc.count++;
      values.forEach((value, s) => {
        if (value === undefined) return;
        acc.sums[s] += value;
        acc.squares[s] += value * value;
        acc.measured[s]++;
        if (value === 1) acc.ones[s]++;
        else if (value !== 0) acc.binary[s] = false;
      });
    });
  }

  const columns = groupColumns.map((column, c) => ({
    column,
    groups: [...perColumn[c]]
      .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
      .map(([value, acc]) => ({
        value,
        count: acc.count,
        means: Object.fromEntries(signals.map((signal, s) => [signal, acc.measured[s] === 0 ? null : acc.sums[s] / acc.measured[s]])),
        measured: Object.fromEntries(signals.map((signal, s) => [signal, acc.measured[s]])),
        sds: Object.fromEntries(
          signals.map((signal, s) => {
            const n = acc.measured[s];
            if (n < 2) return [signal, null];
            const variance = (acc.squares[s] - (acc.sums[s] * acc.sums[s]) / n) / (n - 1);
            return [signal, Math.sqrt(Math.max(0, variance))];
          }),
        ),
        ones: Object.fromEntries(signals.map((signal, s) => [signal, acc.binary[s] ? acc.ones[s] : null])),
      })),
  }));

  const gaps: SignalGap[] = [];
  for (const { column, groups } of columns) {
    signals.forEach((signal, s) => {
      const measuredGroups = groups.filter((g) => g.means[signal] !== null);
      const eligible = measuredGroups.filter((g) => g.measured[signal] >= minGroupSize);
      if (eligible.length < 2) return;
      let highest = eligible[0];
      let lowest = eligible[0];
      for (const g of eligible) {
        if (g.means[signal]! > highest.means[signal]!) highest = g;
        if (g.means[signal]! < lowest.means[signal]!) lowest = g;
      }
      const overallMean = overallSums[s] / overallMeasured[s];
      const gap = highest.means[signal]! - lowest.means[signal]!;
      gaps.push({
        column,
        signal,
        overallMean,
        highest: { group: highest.value, mean: highest.means[signal]! },
        lowest: { group: lowest.value, mean: lowest.means[signal]! },
        gap,
        relativeGap: overallMean === 0 ? null : gap / Math.abs(overallMean),
        ...differenceStats(highest, lowest, signal),
        chiSquare: eligible.every((g) => g.ones?.[signal] !== null && g.ones?.[signal] !== undefined)
          ? chiSquareIndependence(eligible.map((g) => [g.ones![signal]!, g.measured[signal] - g.ones![signal]!]))
          : null,
        hiddenGroups: measuredGroups.length - eligible.length,
      });
    });
  }
  gaps.sort((a, b) => (b.relativeGap ?? -1) - (a.relativeGap ?? -1) || b.gap - a.gap);
  return { records: total, columns, gaps };
}
