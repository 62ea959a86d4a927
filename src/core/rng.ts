/**
 * The seeded random source every sampler draws from.
 *
 * Generator: sfc32 ("Small Fast Counting", Chris Doty-Humphrey, from the PractRand test suite;
 * passes PractRand and TestU01 BigCrush), seeded by the cyrb128 string hash. Both are written as
 * published in bryc's notes on JavaScript PRNGs (github.com/bryc/code, jshash/PRNGs.md).
 * Why these: they use only 32-bit integer operations (`|0`, `>>>`, `Math.imul`), which JavaScript
 * defines exactly, so a seed gives the same stream on every platform, Node version and run.
 * There is no module-level state: each Rng owns its four state words.
 *
 * Seeds are strings at heart: a number seed is used through its JavaScript string form, so
 * `createRng(42)` and `createRng("42")` (a YAML `seed: 42` or `seed: "42"`) give the same stream.
 */
import { SamplerError } from './sampler-error.js';
import type { Rng } from './rng-types.js';
import { validateWeights } from './validate-weights.js';

const TWO_POW_32 = 0x1_0000_0000;
const TWO_POW_53 = 2 ** 53;

/**
 * PractRand's reference seeding for sfc32 discards the first 12 outputs so the state words mix
 * before use; we do the same.
 */
const WARM_UP_ROUNDS = 12;

/** A fresh Rng for `seed`. Same seed, same stream, everywhere. */
export function createRng(seed: number | string): Rng {
  return new Sfc32Rng(encodeParts([seed], 'createRng'));
}

/**
 * A 32-bit unsigned seed derived from `parts` (e.g. the recipe seed, a record index, a column
 * name). Giving every record and column its own stream, `createRng(deriveSeed(seed, index, name))`,
 * makes each value depend only on where it sits in the dataset, not on the order in which records
 * were generated or how many ran at once.
 *
 * Parts are length-prefixed before hashing, so `("ab", "c")` and `("a", "bc")` differ. As with
 * `createRng`, a number part counts as its string form: `deriveSeed(7, "x") === deriveSeed("7", "x")`.
 */
export function deriveSeed(...parts: (string | number)[]): number {
  if (parts.length === 0) throw new SamplerError('deriveSeed: give at least one part (e.g. the recipe seed)');
  return cyrb128(encodeParts(parts, 'deriveSeed'))[0];
}

class Sfc32Rng implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `key` is the encoded seed (plus fork labels); forks hash it again with their label. */
  constructor(private readonly key: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(key);
    for (let i = 0; i < WARM_UP_ROUNDS; i++) this.nextUint32();
  }

  /**
   * One sfc32 step: a uniform unsigned 32-bit integer. The counter `d` is added before it is
   * incremented, as in PractRand's reference `raw32`; some JavaScript copies add it after, which
   * is the same generator with the counter shifted by one but gives a different stream.
   */
  private nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) {
      throw new SamplerError(`int(${min}, ${max}): min and max must be safe integers`);
    }
    if (min > max) throw new SamplerError(`int(${min}, ${max}): min is greater than max`);
    const span = max - min + 1;
    if (!Number.isSafeInteger(span)) throw new SamplerError(`int(${min}, ${max}): the range is wider than 2^53`);
    if (span <= TWO_POW_32) {
      // Rejection sampling: a plain `u % span` would favour low values whenever span does not
      // divide 2^32, so draws in the incomplete top bucket are thrown away and redrawn.
      const limit = TWO_POW_32 - (TWO_POW_32 % span);
      let u = this.nextUint32();
      while (u >= limit) u = this.nextUint32();
      return min + (u % span);
    }
    // Wider than 32 bits: a 53-bit uniform fraction; the bias is below 2^-53 per value.
    const fraction = ((this.nextUint32() >>> 5) * 0x400_0000 + (this.nextUint32() >>> 6)) / TWO_POW_53;
    return min + Math.floor(fraction * span);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new SamplerError('pick: the list of items is empty');
    return items[this.int(0, items.length - 1)];
  }

  /**
   * Consumes exactly one draw whatever the weights, so a caller that draws several fields in a
   * fixed order can change one field's list without shifting the values of the others.
   */
  weightedIndex(weights: readonly number[]): number {
    validateWeights(weights, 'weightedIndex');
    let total = 0;
    for (const w of weights) total += w;
    const target = this.next() * total;
    let cumulative = 0;
    let lastPositive = 0;
    for (let i = 0; i < weights.length; i++) {
      if (weights[i] === 0) continue;
      cumulative += weights[i];
      lastPositive = i;
      if (target < cumulative) return i;
    }
    // Only reachable when rounding leaves `cumulative` a hair below `total`.
    return lastPositive;
  }

  /** Derived from the seed and label only, not from how many values this Rng has drawn. */
  fork(label: string): Rng {
    if (typeof label !== 'string') throw new SamplerError(`fork: label must be a string, got ${typeof label}`);
    return new Sfc32Rng(`${this.key}/${label.length}:${label}`);
  }
}

/** `len:text` segments joined by `/`: uniquely decodable, so distinct part lists never collide as strings. */
function encodeParts(parts: readonly (string | number)[], caller: string): string {
  return parts
    .map((part, i) => {
      if (typeof part === 'number') {
        if (!Number.isFinite(part)) throw new SamplerError(`${caller}: part ${i} is ${part}; seeds must be finite numbers or strings`);
      } else if (typeof part !== 'string') {
        throw new SamplerError(`${caller}: part ${i} is ${typeof part}; seeds must be numbers or strings`);
      }
      const text = String(part);
      return `${text.length}:${text}`;
    })
    .join('/');
}

/** cyrb128 (bryc): a 128-bit non-cryptographic hash of a string's UTF-16 code units, as four uint32. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Fisher-Yates in place with `rng` (from the last item down, each swapped with one at or before it); returns `items`. */
export function shuffleInPlace<T>(items: T[], rng: Pick<Rng, 'int'>): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
