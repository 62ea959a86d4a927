/**
 * Quotas read from the recipe: a `joint` column's dimensions are the group columns, and its
 * sampling is the target ("the group balance the recipe asked for"): `mode: target` its `target`
 * shares; `stratified` equal shares over the cross product; `independent` the product of each
 * dimension's weights. Every group of the cross product gets a target, so a group that curation
 * emptied still shows as short rather than vanishing from the count.
 */
import { DIVERSITY_DIMENSIONS, type DiversityDimension } from '../samplers/diversity-data.js';
import type { QuotaSpec } from '../evaluate/metrics/fairness-quotas.js';
import type { Recipe } from '../recipe/schema.js';
import { QuotaError } from './quota-error.js';

interface JointLike {
  name: string;
  kind: string;
  dimensions?: Record<string, 'builtin' | { values: string[]; weights?: number[] }>;
  mode?: 'stratified' | 'independent' | 'target';
  target?: Record<string, number>;
}

export function quotasFromJoint(recipe: Recipe, columnName: string): QuotaSpec {
  const column = (recipe.columns as JointLike[]).find((c) => c.name === columnName);
  if (column?.kind !== 'joint' || !column.dimensions) {
    const joints = (recipe.columns as JointLike[]).filter((c) => c.kind === 'joint').map((c) => c.name);
    throw new QuotaError(
      `quotas: '${columnName}' is not a joint column of the recipe; ${joints.length ? `joint columns: ${joints.join(', ')}` : 'the recipe has none; give columns and target instead'}`,
    );
  }
  const dims = Object.entries(column.dimensions).map(([dim, spec]) => {
    const resolved = spec === 'builtin' ? { values: [...DIVERSITY_DIMENSIONS[dim as DiversityDimension].values] } : spec;
    return { dim, values: resolved.values, weights: resolved.weights ?? resolved.values.map(() => 1) };
  });
  const columns = dims.map((d) => `${columnName}.${d.dim}`);
  if (column.mode === 'target' && column.target) return { columns, target: { ...column.target } };
  let cells: { key: string[]; share: number }[] = [{ key: [], share: 1 }];
  for (const d of dims) {
    const total = d.weights.reduce((a, b) => a + b, 0);
    cells = cells.flatMap((c) =>
      d.values.map((v, i) => ({ key: [...c.key, v], share: column.mode === 'independent' ? c.share * (d.weights[i] / total) : c.share })),
    );
  }
  return { columns, target: Object.fromEntries(cells.map((c) => [c.key.join('|'), c.share])) };
}
