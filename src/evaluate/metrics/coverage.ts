import { getPath } from '../../core/field-path.js';

/**
 * Attribute coverage: how the sampled attribute columns (category, persona region, ...) actually
 * came out, compared with what the recipe asked for.
 *
 * - normalized entropy (Pielou's evenness, Pielou 1966): H / ln k with k the categories in play
 *   (the target's plus any observed); 1 = perfectly even, near 0 = one value dominates; NaN when
 *   k < 2 (evenness of one category is undefined);
 * - KL(observed || target) in nats (Kullback & Leibler 1951): Infinity when a value the target
 *   gives no weight was observed; values the target wants but never appeared are listed in
 *   `missing`, since KL in this direction does not see them;
 * - total variation distance, 0.5 * sum |p - q| in [0, 1]: the share of records that would have
 *   to change value to match the target.
 *
 * Values are compared as strings (numbers and booleans by their string form, objects as JSON);
 * an absent, null or empty value counts as {@link MISSING_VALUE}.
 */
export const MISSING_VALUE = '(missing)';

/** A missing product is listed only below this size, to keep reports readable (issue brief). */
export const MAX_LISTED_PRODUCT = 10_000;

export interface ValueCount {
  value: string;
  count: number;
  share: number;
}

export interface TargetComparison {
  /** KL(observed || target), nats. */
  kl: number;
  totalVariation: number;
  /** Target values with positive weight that never appeared. */
  missing: string[];
  /** Observed values that the target does not name (or gives zero weight). */
  unexpected: string[];
}

export interface ColumnCoverage {
  column: string;
  records: number;
  /** Per value, most frequent first (ties alphabetical). */
  counts: ValueCount[];
  distinct: number;
  /** Shannon entropy, nats. */
  entropy: number;
  normalizedEntropy: number;
  target?: TargetComparison;
}

export function valueKey(value: unknown): string {
  if (value === undefined || value === null || value === '') return MISSING_VALUE;
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Coverage of one column (a dotted path), optionally against target weights per value. */
/**
 * `options.weight` reads a record's weight (curation's `_weight`): counts and shares are then sums
 * of weights, so the figures describe the data as a weighted trainer sees it. A missing or
 * non-finite weight counts as 1; a negative one as 0.
 */
export function attributeCoverage(
  records: Iterable<unknown>,
  column: string,
  options: { target?: Readonly<Record<string, number>>; weight?: (record: unknown) => number } = {},
): ColumnCoverage {
  const counts = new Map<string, number>();
  let total = 0;
  for (const record of records) {
    const key = valueKey(getPath(record, column));
    const w = options.weight ? options.weight(record) : 1;
    counts.set(key, (counts.get(key) ?? 0) + w);
    total += w;
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([value, count]) => ({ value, count, share: count / total }));

  let entropy = 0;
  for (const { share } of sorted) entropy -= share * Math.log(share);
  const categories = new Set(counts.keys());
  const target = options.target === undefined ? undefined : normalizeTarget(options.target, column);
  if (target !== undefined) for (const [value, weight] of target) if (weight > 0) categories.add(value);
  const result: ColumnCoverage = {
    column,
    records: total,
    counts: sorted,
    distinct: counts.size,
    entropy,
    normalizedEntropy: categories.size < 2 ? Number.NaN : entropy / Math.log(categories.size),
  };
  if (target !== undefined) result.target = compareToTarget(counts, total, target);
  return result;
}

function normalizeTarget(weights: Readonly<Record<string, number>>, column: string): Map<string, number> {
  let sum = 0;
  for (const [value, weight] of Object.entries(weights)) {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`coverage of "${column}": target weight of "${value}" is ${weight}; weights must be finite and non-negative`);
    }
    sum += weight;
  }
  if (sum === 0) throw new RangeError(`coverage of "${column}": target weights are all zero; give at least one positive weight`);
  return new Map(Object.entries(weights).map(([value, weight]) => [value, weight / sum]));
}

function compareToTarget(counts: Map<string, number>, total: number, target: Map<string, number>): TargetComparison {
  let kl = 0;
  let absolute = 0;
  const unexpected: string[] = [];
  for (const [value, count] of counts) {
    const p = count / total;
    const q = target.get(value) ?? 0;
    if (q === 0) {
      kl = Number.POSITIVE_INFINITY;
      unexpected.push(value);
    } else kl += p * Math.log(p / q);
    absolute += Math.abs(p - q);
  }
  const missing: string[] = [];
  for (const [value, q] of target) {
    if (counts.has(value)) continue;
    absolute += q;
    if (q > 0) missing.push(value);
  }
  return { kl: total === 0 ? Number.NaN : kl, totalVariation: total === 0 ? Number.NaN : absolute / 2, missing: missing.sort(), unexpected: unexpected.sort() };
}

export interface CombinationCount {
  values: string[];
  count: number;
}

export interface CombinationCoverage {
  columns: string[];
  records: number;
  /** Observed combinations, most frequent first. */
  combinations: CombinationCount[];
  /** Size of the product of the columns' domains. */
  possible: number;
  /** Distinct combinations observed inside the domains. */
  observed: number;
  /** observed / possible. */
  coverage: number;
  /** Combinations never seen, in domain order; null when `possible` exceeds `maxListed`. */
  missing: string[][] | null;
  /** True when `possible` counts only the allowed tuples (a subcategory under its parent). */
  allowed_only?: boolean;
  /** Records whose tuple is not an allowed one (only with allowed_only). */
  disallowed?: number;
}

/**
 * Counts per combination of `columns` and the combinations of their domains never produced.
 * A column's domain is `domains[column]` when given (e.g. the recipe's category values), otherwise
 * the values observed in it (sorted), so missing combinations are then gaps between seen values.
 */
export function combinationCoverage(
  records: Iterable<unknown>,
  columns: readonly string[],
  options: { domains?: Readonly<Record<string, readonly string[]>>; maxListed?: number; allowed?: readonly (readonly string[])[] } = {},
): CombinationCoverage {
  if (columns.length === 0) throw new RangeError('combinationCoverage: name at least one column');
  const maxListed = options.maxListed ?? MAX_LISTED_PRODUCT;
  const counts = new Map<string, { values: string[]; count: number }>();
  const seen = columns.map(() => new Set<string>());
  let total = 0;
  for (const record of records) {
    const values = columns.map((column, i) => {
      const value = valueKey(getPath(record, column));
      seen[i].add(value);
      return value;
    });
    const key = JSON.stringify(values);
    const entry = counts.get(key);
    if (entry === undefined) counts.set(key, { values, count: 1 });
    else entry.count++;
    total++;
  }
  if (options.allowed) return allowedCoverage(columns, counts, total, options.allowed);
  const domains = columns.map((column, i) => [...new Set(options.domains?.[column] ?? [...seen[i]].sort())]);
  const possible = domains.reduce((product, domain) => product * domain.length, 1);
  const domainSets = domains.map((domain) => new Set(domain));
  let observed = 0;
  for (const { values } of counts.values()) if (values.every((value, i) => domainSets[i].has(value))) observed++;

  let missing: string[][] | null = null;
  if (possible <= maxListed) {
    missing = [];
    const walk = (prefix: string[]): void => {
      if (prefix.length === columns.length) {
        if (!counts.has(JSON.stringify(prefix))) missing!.push([...prefix]);
        return;
      }
      for (const value of domains[prefix.length]) walk([...prefix, value]);
    };
    walk([]);
  }
  return {
    columns: [...columns],
    records: total,
    combinations: [...counts.values()].sort((a, b) => b.count - a.count || compareLists(a.values, b.values)),
    possible,
    observed,
    coverage: possible === 0 ? Number.NaN : observed / possible,
    missing,
  };
}

/**
 * Coverage when only some tuples can occur (a subcategory under its parent): `possible` is the
 * number of allowed tuples, `observed` those produced, `missing` the allowed ones never produced.
 * A produced tuple outside the allowed set is counted in `disallowed`, not in coverage.
 */
function allowedCoverage(
  columns: readonly string[],
  counts: Map<string, { values: string[]; count: number }>,
  total: number,
  allowed: readonly (readonly string[])[],
): CombinationCoverage {
  const allowedKeys = new Set(allowed.map((tuple) => JSON.stringify(tuple)));
  let observed = 0;
  let disallowed = 0;
  for (const [key, { count }] of counts) {
    if (allowedKeys.has(key)) observed++;
    else disallowed += count;
  }
  return {
    columns: [...columns],
    records: total,
    combinations: [...counts.values()].sort((a, b) => b.count - a.count || compareLists(a.values, b.values)),
    possible: allowedKeys.size,
    observed,
    coverage: allowedKeys.size === 0 ? Number.NaN : observed / allowedKeys.size,
    missing: [...allowedKeys].filter((key) => !counts.has(key)).map((key) => JSON.parse(key) as string[]),
    allowed_only: true,
    disallowed,
  };
}

function compareLists(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}
