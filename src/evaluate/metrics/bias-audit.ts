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
}

export interface SignalGap {
  column: string;
  signal: string;
  overallMean: number;
  highest: { group: string; mean: number };
  lowest: { group: string; mean: number };
  gap: number;
  relativeGap: number | null;
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

export function demographicAudit(records: Iterable<unknown>, options: DemographicAuditOptions): DemographicAudit {
  const { groupColumns, signals } = options;
  const minGroupSize = options.minGroupSize ?? 1;
  if (groupColumns.length === 0) throw new RangeError('demographicAudit: name at least one group column');
  if (signals.length === 0) throw new RangeError('demographicAudit: name at least one signal');

  interface Accumulator {
    count: number;
    sums: number[];
    measured: number[];
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
        acc = { count: 0, sums: signals.map(() => 0), measured: signals.map(() => 0) };
        perColumn[c].set(group, acc);
      }
      acc.count++;
      values.forEach((value, s) => {
        if (value === undefined) return;
        acc.sums[s] += value;
        acc.measured[s]++;
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
      })),
  }));

  const gaps: SignalGap[] = [];
  for (const { column, groups } of columns) {
    signals.forEach((signal, s) => {
      const eligible = groups.filter((g) => g.means[signal] !== null && g.measured[signal] >= minGroupSize);
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
      });
    });
  }
  gaps.sort((a, b) => (b.relativeGap ?? -1) - (a.relativeGap ?? -1) || b.gap - a.gap);
  return { records: total, columns, gaps };
}
