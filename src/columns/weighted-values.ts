/**
 * Values with optional weights, as the sampler kinds (category, subcategory, persona overrides,
 * joint dimensions) write them, and the plan-time check that the weights fit the values.
 */
import { z } from 'zod';
import type { IssuePath, PlanContext } from './column-kind.js';

export const weightsSchema = z.array(z.number().finite().nonnegative('weights must be >= 0'));

export const weightedValuesSchema = z.object({ values: z.array(z.string()).min(1), weights: weightsSchema.optional() }).strict();

/** Weights must be one per value, and not all zero (nothing could be drawn). */
export function checkWeights(count: number, weights: readonly number[] | undefined, path: IssuePath, ctx: PlanContext): void {
  if (!weights) return;
  if (weights.length !== count) {
    ctx.issue(path, `has ${weights.length} weights for ${count} values; give one weight per value`);
  } else if (!weights.some((w) => w > 0)) {
    ctx.issue(path, 'at least one weight must be greater than 0');
  }
}
