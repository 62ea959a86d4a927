import { SamplerError } from '../core/sampler-error.js';
import type { Rng } from '../core/rng-types.js';
import { validateWeights } from '../core/validate-weights.js';

export interface CategoryParams<T> {
  values: readonly T[];
  /** Relative weights, one per value (they need not sum to 1). Absent: every value equally likely. */
  weights?: readonly number[];
}

/** One of `values`, chosen uniformly or in proportion to `weights`. */
export function sampleCategory<T>(params: CategoryParams<T>, rng: Rng): T {
  const { values, weights } = params;
  if (!Array.isArray(values) || values.length === 0) throw new SamplerError('category: values is empty; give at least one value');
  if (weights === undefined) return rng.pick(values);
  if (weights.length !== values.length) {
    throw new SamplerError(`category: ${weights.length} weights for ${values.length} values; give one weight per value`);
  }
  validateWeights(weights, 'category');
  return values[rng.weightedIndex(weights)];
}
