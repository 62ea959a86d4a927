/**
 * Fairness quotas: how a dataset's records spread over groups (the cross product of group fields,
 * e.g. age band x gender x region) against target shares, with the shortfall per group and a
 * chi-square goodness-of-fit test of achieved against target. Group keys are the group values
 * joined by "|" in field order, as a joint column's `target` writes them.
 */
import { getPath } from '../../core/field-path.js';
import { type ChiSquareResult, chiSquareGoodnessOfFit } from './chi-square.js';

export interface QuotaSpec {
  /** Field paths of the group columns ("persona.age_band", "gender"). */
  columns: string[];
  /** Target share per group key; normalised to sum to 1. Omitted: equal shares over the groups seen. */
  target?: Record<string, number>;
}

export interface QuotaGroup {
  group: string;
  targetShare: number;
  targetCount: number;
  achieved: number;
  shortfall: number;
}

export interface QuotaReport {
  columns: string[];
  /** The record count the targets are counted against. */
  total: number;
  groups: QuotaGroup[];
  /** Achieved counts against the target shares. */
  test: ChiSquareResult;
  /** True when every group has at least its target count. */
  met: boolean;
  /** Records whose group is not among the targets. */
  outside: number;
}

export function groupKeyOf(record: unknown, columns: readonly string[]): string | undefined {
  const values = columns.map((c) => getPath(record, c));
  if (values.some((v) => v === undefined || v === null || typeof v === 'object')) return undefined;
  return values.map(String).join('|');
}

/** Measures `records` against the quota; `total` is the wanted record count (default: the records given). */
export function measureQuotas(records: Iterable<unknown>, spec: QuotaSpec, total?: number): QuotaReport {
  if (spec.columns.length === 0) throw new RangeError('quotas: name at least one group column in `columns`');
  const counts = new Map<string, number>();
  let n = 0;
  for (const record of records) {
    n++;
    const key = groupKeyOf(record, spec.columns);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const target = spec.target ?? Object.fromEntries([...counts.keys()].map((k) => [k, 1]));
  const shareSum = Object.values(target).reduce((a, b) => a + b, 0);
  if (!(shareSum > 0)) throw new RangeError('quotas: `target` shares must be non-negative and not all zero');
  const wanted = total ?? n;
  const groups = Object.entries(target).map(([group, share]) => {
    const targetShare = share / shareSum;
    const targetCount = Math.round(targetShare * wanted);
    const achieved = counts.get(group) ?? 0;
    return { group, targetShare, targetCount, achieved, shortfall: Math.max(0, targetCount - achieved) };
  });
  const outside = [...counts.entries()].filter(([k]) => !Object.hasOwn(target, k)).reduce((a, [, c]) => a + c, 0);
  return {
    columns: [...spec.columns],
    total: wanted,
    groups,
    test: chiSquareGoodnessOfFit(
      groups.map((g) => g.achieved),
      groups.map((g) => g.targetShare),
    ),
    met: groups.every((g) => g.shortfall === 0),
    outside,
  };
}

/** A plain-text table: group, target, achieved, shortfall, then the test. */
export function formatQuotaReport(report: QuotaReport): string {
  const rows = report.groups.map(
    (g) =>
      `  ${g.group.padEnd(32)} target ${String(g.targetCount).padStart(5)} (${(g.targetShare * 100).toFixed(1)}%)  achieved ${String(g.achieved).padStart(5)}  short ${g.shortfall}`,
  );
  const { statistic, df, pValue } = report.test;
  return [
    `quotas over ${report.columns.join(' x ')} (${report.met ? 'met' : 'NOT met'}):`,
    ...rows,
    `  chi-square ${statistic.toFixed(2)}, df ${df}, p = ${pValue.toPrecision(3)}${pValue < 0.05 ? ' (achieved differs from target at 5%)' : ''}`,
  ].join('\n');
}
