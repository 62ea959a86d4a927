import { createRng, deriveSeed } from '../core/rng.js';

/**
 * The item for record `idx` when n items are to be used evenly: every item once per cycle of n
 * records, in a seeded order that changes from cycle to cycle. Depends only on (seed, label, idx),
 * so concurrent and resumed runs agree.
 */
export function evenCycleIndex(n: number, idx: number, seed: number, label: string): number {
  const cycle = Math.floor(idx / n);
  const order = [...Array(n).keys()];
  const rng = createRng(deriveSeed(seed, label, 'cycle', cycle));
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order[idx % n];
}
