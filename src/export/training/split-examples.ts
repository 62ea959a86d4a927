/**
 * Train/validation/test splits that do not leak: examples are first joined into groups (same
 * source document, same value of a group_by field, or near-duplicates of each other), and whole
 * groups are assigned, so no group straddles two splits. Within each stratum (the group's label,
 * when stratifying) groups are shuffled with the seed and each goes to the split furthest below
 * its target, so every split gets its share of every label. Same inputs and seed, same splits.
 *
 * Targets: `ratios` (e.g. train 0.8, validation 0.1, test 0.1; they must sum to 1), or `counts`
 * for the held-out splits with train taking the rest. Near-duplicate groups are computed by the
 * caller (curation's MinHash lives above this layer) and passed in as index clusters.
 */
import { z } from 'zod';
import { getPath } from '../../core/field-path.js';
import { createRng } from '../../core/rng.js';
import { ExportError } from './export-error.js';

export const SPLIT_NAMES = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

const shares = z.object({ train: z.number().min(0).optional(), validation: z.number().min(0).optional(), test: z.number().min(0).optional() }).strict();

export const splitSchema = z
  .object({
    /** Shares of each split, summing to 1 (e.g. { train: 0.8, validation: 0.1, test: 0.1 }). */
    ratios: shares.optional(),
    /** Example counts of the held-out splits (e.g. { validation: 100, test: 100 }); train gets the rest. */
    counts: shares.optional(),
    /** Field whose value each split should hold in the same proportions (e.g. a label or category). */
    stratify_by: z.string().min(1).optional(),
    /** Fields whose equal values must stay in one split (e.g. a source document id; list values join on any shared item). */
    group_by: z.array(z.string().min(1)).optional(),
    /** Keep near-duplicates (MinHash Jaccard >= threshold over `field`, default the assistant turn) in one split. */
    near_duplicates: z
      .object({ threshold: z.number().gt(0).max(1).optional(), field: z.string().min(1).optional() })
      .strict()
      .optional(),
    seed: z.number().int().optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.ratios && s.counts) ctx.addIssue({ code: 'custom', path: ['counts'], message: 'give ratios or counts, not both' });
    if (!s.ratios && !s.counts)
      ctx.addIssue({ code: 'custom', path: ['ratios'], message: 'give ratios (e.g. { train: 0.9, test: 0.1 }) or counts (e.g. { test: 100 })' });
    if (s.ratios) {
      const sum = (s.ratios.train ?? 0) + (s.ratios.validation ?? 0) + (s.ratios.test ?? 0);
      if (Math.abs(sum - 1) > 1e-6) ctx.addIssue({ code: 'custom', path: ['ratios'], message: `ratios must sum to 1, got ${sum}` });
    }
    if (s.counts?.train !== undefined)
      ctx.addIssue({ code: 'custom', path: ['counts', 'train'], message: 'train takes the rest; give counts for validation and test only' });
  });

export type SplitConfig = z.infer<typeof splitSchema>;

/** Inverse union-find over indexes, small and local so this layer needs nothing from curation. */
function components(n: number, links: Iterable<readonly number[]>): number[][] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const group of links)
    for (let i = 1; i < group.length; i++) {
      const a = find(group[0]);
      const b = find(group[i]);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const list = byRoot.get(root) ?? [];
    list.push(i);
    byRoot.set(root, list);
  }
  return [...byRoot.values()];
}

export interface SplitResult {
  /** Split of each example, by index. */
  assignment: SplitName[];
  /** Groups of more than one example (they never straddle splits). */
  groups: number;
  counts: Record<SplitName, number>;
}

/**
 * Assigns each of `records` a split. `nearDuplicates` are index clusters (from MinHash) that must
 * stay together. Splits with a zero target are not used.
 */
export function splitExamples(records: readonly Record<string, unknown>[], config: SplitConfig, nearDuplicates: readonly number[][] = []): SplitResult {
  const n = records.length;
  const links: number[][] = [...nearDuplicates.map((c) => [...c])];
  for (const field of config.group_by ?? []) {
    const byValue = new Map<string, number[]>();
    records.forEach((record, i) => {
      const value = getPath(record, field);
      const keys = (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && v !== null).map((v) => JSON.stringify(v));
      for (const key of keys) {
        const list = byValue.get(key);
        if (list) list.push(i);
        else byValue.set(key, [i]);
      }
    });
    links.push(...byValue.values());
  }
  const groups = components(n, links);

  const targetShare = shareOf(config, n);
  // Stratum of a group: its most common label (ties by first seen), so a group lands whole.
  const strata = new Map<string, number[][]>();
  for (const group of groups) {
    let key = '';
    if (config.stratify_by) {
      const tally = new Map<string, number>();
      for (const i of group) {
        const label = JSON.stringify(getPath(records[i], config.stratify_by) ?? null);
        tally.set(label, (tally.get(label) ?? 0) + 1);
      }
      key = [...tally].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
    }
    const list = strata.get(key);
    if (list) list.push(group);
    else strata.set(key, [group]);
  }

  const assignment: SplitName[] = new Array(n);
  const rng = createRng(config.seed ?? 0);
  for (const key of [...strata.keys()].sort()) {
    const stratumGroups = strata.get(key)!;
    // Fisher-Yates with the seeded stream: deterministic for a seed.
    for (let i = stratumGroups.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [stratumGroups[i], stratumGroups[j]] = [stratumGroups[j], stratumGroups[i]];
    }
    const size = stratumGroups.reduce((s, g) => s + g.length, 0);
    const target = Object.fromEntries(SPLIT_NAMES.map((s) => [s, targetShare[s] * size])) as Record<SplitName, number>;
    const got: Record<SplitName, number> = { train: 0, validation: 0, test: 0 };
    // Largest groups first so the small ones fill the gaps; the shuffle orders equal sizes.
    const ordered = stratumGroups.map((g, order) => ({ g, order })).sort((a, b) => b.g.length - a.g.length || a.order - b.order);
    for (const { g } of ordered) {
      let best: SplitName | undefined;
      for (const s of SPLIT_NAMES) {
        if (target[s] <= 0) continue;
        if (best === undefined || target[s] - got[s] > target[best] - got[best]) best = s;
      }
      const split = best ?? 'train';
      got[split] += g.length;
      for (const i of g) assignment[i] = split;
    }
  }
  const counts: Record<SplitName, number> = { train: 0, validation: 0, test: 0 };
  for (const s of assignment) counts[s]++;
  return { assignment, groups: groups.filter((g) => g.length > 1).length, counts };
}

function shareOf(config: SplitConfig, n: number): Record<SplitName, number> {
  if (config.ratios) return { train: config.ratios.train ?? 0, validation: config.ratios.validation ?? 0, test: config.ratios.test ?? 0 };
  const validation = config.counts?.validation ?? 0;
  const test = config.counts?.test ?? 0;
  if (validation + test > n)
    throw new ExportError(`split.counts asks for ${validation + test} held-out examples but only ${n} are exported; lower split.counts`);
  return n === 0 ? { train: 1, validation: 0, test: 0 } : { train: (n - validation - test) / n, validation: validation / n, test: test / n };
}
