import { createRng } from '../../core/rng.js';

/**
 * `count` distinct indices from 0..total-1, chosen uniformly with the project's seeded Rng
 * (partial Fisher-Yates), returned ascending so that sampled items keep their dataset order.
 * When `count >= total` every index is returned, so small corpora are measured exactly.
 */
export function sampleIndices(total: number, count: number, seed: number | string): number[] {
  if (count >= total) return Array.from({ length: total }, (_, i) => i);
  const rng = createRng(seed);
  const pool = Array.from({ length: total }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = rng.int(i, total - 1);
    const swap = pool[i];
    pool[i] = pool[j];
    pool[j] = swap;
  }
  return pool.slice(0, count).sort((a, b) => a - b);
}
