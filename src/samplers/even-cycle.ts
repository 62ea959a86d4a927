import { createRng, deriveSeed, shuffleInPlace } from '../core/rng.js';

/**
 * The item for record `idx` when n items are to be used evenly: every item once per cycle of n
 * records, in a seeded order that changes from cycle to cycle. Depends only on (seed, label, idx),
 * so concurrent and resumed runs agree.
 */
export function evenCycleIndex(n: number, idx: number, seed: number, label: string): number {
  const cycle = Math.floor(idx / n);
  const order = shuffleInPlace([...Array(n).keys()], createRng(deriveSeed(seed, label, 'cycle', cycle)));
  return order[idx % n];
}

/** The last cycle's walk per group list (records of one cycle all ask for the same order). */
const cycleOrders = new WeakMap<readonly string[], { key: string; order: Int32Array }>();

/**
 * As evenCycleIndex, with the items in groups (chunks by document): every item once per cycle, and
 * the groups take turns, so the first k records of a cycle reach min(k, groups) different groups.
 * Within a cycle the group order and each group's item order are seeded and change per cycle.
 * A plain shuffle can leave a two-chunk document out of 24 records drawn from 29 chunks; this walk
 * reaches every document first, then goes deeper. `groupOf[i]` names item i's group.
 */
export function stratifiedCycleIndex(groupOf: readonly string[], idx: number, seed: number, label: string): number {
  const n = groupOf.length;
  const cycle = Math.floor(idx / n);
  const key = `${seed}\0${label}\0${cycle}`;
  let cached = cycleOrders.get(groupOf);
  if (cached?.key !== key) {
    const rng = createRng(deriveSeed(seed, label, 'stratified-cycle', cycle));
    const members = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      let list = members.get(groupOf[i]);
      if (!list) members.set(groupOf[i], (list = []));
      list.push(i);
    }
    const groups = shuffleInPlace([...members.keys()].sort(), rng).map((g) => shuffleInPlace(members.get(g)!, rng));
    const order = new Int32Array(n);
    let at = 0;
    for (let depth = 0; at < n; depth++) for (const g of groups) if (depth < g.length) order[at++] = g[depth];
    cached = { key, order };
    cycleOrders.set(groupOf, cached);
  }
  return cached.order[idx % n];
}
