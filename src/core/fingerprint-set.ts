/**
 * A set of 64-bit fingerprints (two uint32 halves) in flat typed arrays with linear probing.
 *
 * Why not `Set<string>`: a corpus of 100,000 records of ~100 words has ~10 million distinct 4-grams.
 * V8 caps a Set at 2^24 entries and spends ~50-80 bytes per string entry; this set spends 8 bytes
 * per slot (at most ~11 per entry at the 0.7 load limit) and has no size cap short of memory.
 * Two distinct n-grams collide with probability ~k^2 / 2^65 over k entries (~3e-6 at k = 10^7),
 * far below any difference a report would show.
 */
const MAX_LOAD = 0.7;

export class FingerprintSet {
  // Int32Array, not Uint32Array: values above 2^31 read from a Uint32Array become heap numbers in
  // V8, which made inserts several times slower.
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity * MAX_LOAD < initialCapacity) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Adds the fingerprint (hi, lo); true when it was not yet present. */
  add(hi: number, lo: number): boolean {
    hi |= 0;
    lo |= 0;
    // (0, 0) marks an empty slot, so that one fingerprint is stored as (0, 1).
    if (hi === 0 && lo === 0) lo = 1;
    let index = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    const slots = this.slots;
    for (;;) {
      const h = slots[index * 2];
      const l = slots[index * 2 + 1];
      if (h === 0 && l === 0) break;
      if (h === hi && l === lo) return false;
      index = (index + 1) & this.mask;
    }
    slots[index * 2] = hi;
    slots[index * 2 + 1] = lo;
    this.count++;
    if (this.count > (this.mask + 1) * MAX_LOAD) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
    this.count = 0;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] !== 0 || old[i + 1] !== 0) this.add(old[i], old[i + 1]);
    }
  }
}

/**
 * One MurmurHash3 (x86, 32-bit) body step over an integer id (Appleby 2011). Two chains with
 * different seeds give the two halves of a 64-bit fingerprint; stepping returns the new state, so
 * the n-grams starting at one position are hashed for n = 1..4 in four steps rather than ten.
 */
export function mixStep(state: number, id: number): number {
  let k = Math.imul(id, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = state ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finalizer ("fmix32"), mixing in the sequence length as murmur3 does; an int32. */
export function finalize32(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
