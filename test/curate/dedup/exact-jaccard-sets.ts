/**
 * Test support: pairs of hash sets with an exact, chosen Jaccard similarity, so MinHash and LSH
 * can be checked against the formulas without the noise of building texts.
 */

/** mulberry32: a tiny seeded 32-bit generator, enough for distinct random set elements. */
export function seededInts(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) | 0;
  };
}

/**
 * Two sets of distinct 32-bit values with |A u B| = union and |A n B| = round(s * union), so their
 * Jaccard similarity is exactly that ratio; the non-shared elements are split evenly.
 */
export function pairWithJaccard(next: () => number, s: number, union = 100): [Int32Array, Int32Array] {
  const shared = Math.round(s * union);
  const onlyA = Math.ceil((union - shared) / 2);
  const distinct = new Set<number>();
  while (distinct.size < union) distinct.add(next());
  const all = [...distinct];
  const common = all.slice(0, shared);
  const a = Int32Array.from([...common, ...all.slice(shared, shared + onlyA)]);
  const b = Int32Array.from([...common, ...all.slice(shared + onlyA)]);
  return [a, b];
}

/** Exact Jaccard similarity of two collections (duplicates ignored). */
export function jaccard<T>(a: Iterable<T>, b: Iterable<T>): number {
  const setA = new Set(a);
  const setB = new Set(b);
  let shared = 0;
  for (const x of setA) if (setB.has(x)) shared++;
  const union = setA.size + setB.size - shared;
  return union === 0 ? 1 : shared / union;
}
