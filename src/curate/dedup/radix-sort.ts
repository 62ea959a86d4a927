/**
 * LSD radix sort of the indexes 0..n-1 by the 64-bit key (high, low), 16 bits per pass. Linear
 * time and stable, so equal keys keep ascending index order; buffers are reused across bands.
 */
export class RadixScratch {
  private readonly a: Uint32Array;
  private readonly b: Uint32Array;
  private readonly counts = new Uint32Array(65_536);

  constructor(private readonly n: number) {
    this.a = new Uint32Array(n);
    this.b = new Uint32Array(n);
  }

  sortByKeys(high: Uint32Array, low: Uint32Array): Uint32Array {
    let from = this.a;
    let to = this.b;
    for (let i = 0; i < this.n; i++) from[i] = i;
    for (const [keys, shift] of [
      [low, 0],
      [low, 16],
      [high, 0],
      [high, 16],
    ] as const) {
      this.pass(keys, shift, from, to);
      [from, to] = [to, from];
    }
    return from;
  }

  private pass(keys: Uint32Array, shift: number, from: Uint32Array, to: Uint32Array): void {
    const counts = this.counts;
    counts.fill(0);
    const n = this.n;
    for (let i = 0; i < n; i++) counts[(keys[from[i]] >>> shift) & 0xffff]++;
    let total = 0;
    for (let d = 0; d < 65_536; d++) {
      const c = counts[d];
      counts[d] = total;
      total += c;
    }
    for (let i = 0; i < n; i++) {
      const index = from[i];
      to[counts[(keys[index] >>> shift) & 0xffff]++] = index;
    }
  }
}
