import { createRng } from '../core/rng.js';
import type { Rng } from '../core/rng-types.js';

/**
 * A seeded uniform sample of at most `capacity` items from a stream of unknown length (Vitter
 * 1985, Algorithm R). Evaluation streams records once, and the metrics that compare records with
 * each other (Self-BLEU, embeddings, consistency, factualness) work on such a sample, so memory
 * stays bounded and the same seed picks the same records.
 */
export class Reservoir<T> {
  readonly items: T[] = [];
  private seen = 0;
  private readonly rng: Rng;

  constructor(
    readonly capacity: number,
    seed: number | string,
  ) {
    this.rng = createRng(seed);
  }

  add(item: T): void {
    this.seen++;
    if (this.items.length < this.capacity) this.items.push(item);
    else {
      const j = this.rng.int(0, this.seen - 1);
      if (j < this.capacity) this.items[j] = item;
    }
  }

  /** Items offered so far. */
  get total(): number {
    return this.seen;
  }
}
