import { SamplerError } from './sampler-error.js';

/**
 * Throws unless `weights` can drive a weighted draw: every entry finite and >= 0, and at least one
 * above zero. `what` names the weights in the message (e.g. `category "tone"`), so the user knows
 * which list to fix.
 */
export function validateWeights(weights: readonly number[], what = 'weights'): void {
  if (weights.length === 0) throw new SamplerError(`${what}: weights is empty`);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (typeof w !== 'number' || !Number.isFinite(w)) {
      throw new SamplerError(`${what}: weights[${i}] is ${String(w)}; every weight must be a finite number`);
    }
    if (w < 0) throw new SamplerError(`${what}: weights[${i}] is ${w}; weights must be >= 0`);
    total += w;
  }
  if (total === 0) throw new SamplerError(`${what}: all weights are zero; at least one must be > 0`);
  // Finite weights can still overflow when summed (e.g. two of 1e308).
  if (!Number.isFinite(total)) throw new SamplerError(`${what}: weights sum to ${total}; use smaller weights`);
}
