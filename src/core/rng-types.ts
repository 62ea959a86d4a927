/** A seeded random source. Every sampler draws only from the Rng it is given, so output is reproducible. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One item chosen uniformly. */
  pick<T>(items: readonly T[]): T;
  /** Index chosen with probability proportional to weights (non-negative, not all zero). */
  weightedIndex(weights: readonly number[]): number;
  /** A new independent Rng derived from this one's seed and a label. */
  fork(label: string): Rng;
}
