/**
 * Disjoint sets over the integers 0..size-1, used to turn duplicate pairs into clusters: if a~b
 * and b~c, then a, b and c are one cluster even when a and c were never compared.
 * Union by size and path halving keep every operation near O(1) amortized (Tarjan 1975).
 */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(readonly count: number) {
    this.parent = new Int32Array(count);
    this.size = new Int32Array(count).fill(1);
    for (let i = 0; i < count; i++) this.parent[i] = i;
  }

  find(x: number): number {
    const parent = this.parent;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  /** Joins the sets of `a` and `b`; returns false when they were already one set. */
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if (this.size[ra] < this.size[rb]) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
    return true;
  }

  /**
   * The sets with at least two members, each sorted ascending, ordered by their smallest member,
   * so the output is the same whatever order the unions came in.
   */
  clusters(): number[][] {
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.count; i++) {
      const root = this.find(i);
      if (this.size[root] < 2) continue;
      let members = byRoot.get(root);
      if (!members) byRoot.set(root, (members = []));
      members.push(i); // i ascends, so members stay sorted and clusters appear by smallest member
    }
    return [...byRoot.values()];
  }
}
