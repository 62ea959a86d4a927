import { SamplerError } from '../core/sampler-error.js';
import type { Rng } from '../core/rng-types.js';

export type NumberDistribution = 'uniform' | 'normal';

export interface IntegerParams {
  min: number;
  max: number;
  /** Default 'uniform'. 'normal' draws around `mean`, then clips to [min, max] and rounds. */
  distribution?: NumberDistribution;
  /** Normal only. Default: the midpoint of [min, max]. */
  mean?: number;
  /** Normal only. Default: (max - min) / 6, see `defaultStd`. */
  std?: number;
}

export interface FloatParams extends IntegerParams {
  /** Round to this many decimal places (0 to 100). Absent: no rounding. */
  decimals?: number;
}

/** An integer in [min, max], both inclusive. */
export function sampleInteger(params: IntegerParams, rng: Rng): number {
  const { min, max } = params;
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) {
    throw new SamplerError(`integer: min (${min}) and max (${max}) must be whole numbers`);
  }
  const normal = normalParams('integer', params);
  if (!normal) return rng.int(min, max);
  // `+ 0` turns a rounded -0 into 0, so it prints as "0".
  return clamp(Math.round(normal.mean + normal.std * standardNormal(rng)), min, max) + 0;
}

/**
 * A number in [min, max]. Uniform draws without `decimals` lie in [min, max) (max itself has
 * probability ~2^-32); with `decimals`, values are rounded onto the grid of that many places
 * inside [min, max], so both ends are reachable.
 */
export function sampleFloat(params: FloatParams, rng: Rng): number {
  const { min, max, decimals } = params;
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new SamplerError(`float: min (${min}) and max (${max}) must be finite numbers`);
  const normal = normalParams('float', params);
  const raw = normal ? clamp(normal.mean + normal.std * standardNormal(rng), min, max) : min + rng.next() * (max - min);
  if (decimals === undefined) return raw;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 100) {
    throw new SamplerError(`float: decimals is ${decimals}; use a whole number from 0 to 100`);
  }
  // Bounds like min = 0.123 with decimals = 1 are not on the grid: keep rounded values inside.
  const low = roundTo(min, decimals, 'up');
  const high = roundTo(max, decimals, 'down');
  if (low > high) throw new SamplerError(`float: no number with ${decimals} decimals lies in [${min}, ${max}]`);
  return clamp(roundTo(raw, decimals, 'nearest'), low, high) + 0;
}

/** Validated normal parameters, or undefined for a uniform draw. */
function normalParams(kind: string, params: IntegerParams): { mean: number; std: number } | undefined {
  const { min, max, distribution = 'uniform', mean, std } = params;
  if (min > max) throw new SamplerError(`${kind}: min (${min}) is greater than max (${max})`);
  if (distribution !== 'uniform' && distribution !== 'normal') {
    throw new SamplerError(`${kind}: distribution is ${JSON.stringify(distribution)}; use "uniform" or "normal"`);
  }
  if (distribution === 'uniform') {
    // Silently ignoring them would hand back a flat distribution to someone who asked for a bell.
    if (mean !== undefined || std !== undefined) {
      throw new SamplerError(`${kind}: mean and std apply only to distribution "normal"; set distribution: normal or remove them`);
    }
    return undefined;
  }
  if (mean !== undefined && !Number.isFinite(mean)) throw new SamplerError(`${kind}: mean is ${mean}; it must be a finite number`);
  if (std !== undefined && !(Number.isFinite(std) && std > 0)) throw new SamplerError(`${kind}: std is ${std}; it must be a finite number > 0`);
  return { mean: mean ?? (min + max) / 2, std: std ?? defaultStd(min, max) };
}

/**
 * Places min and max three standard deviations from the midpoint, so by the 68-95-99.7 rule about
 * 0.27% of draws fall outside and are clipped to the ends. A zero-width range gets std 1 (every
 * draw clips to the single value anyway).
 */
function defaultStd(min: number, max: number): number {
  return max > min ? (max - min) / 6 : 1;
}

/**
 * A standard normal deviate by Marsaglia's polar method (Marsaglia & Bray, 1964). Chosen over
 * Box-Muller because it needs no sin/cos, only log and sqrt: sqrt is exactly rounded by IEEE 754,
 * and Node's V8 computes log with its own fdlibm port, so results do not vary by operating system.
 */
function standardNormal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng.next() - 1;
    const v = 2 * rng.next() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

function clamp(x: number, min: number, max: number): number {
  return x < min ? min : x > max ? max : x;
}

/**
 * `x` on the grid of `decimals` places. `toFixed` rounds the exact stored value once, as the spec
 * defines; `Math.round(x * 100) / 100` rounds twice (2.675, stored as 2.67499..., becomes 2.68).
 */
function roundTo(x: number, decimals: number, mode: 'nearest' | 'up' | 'down'): number {
  const nearest = Number(x.toFixed(decimals));
  const step = Number(`1e-${decimals}`);
  if (mode === 'up' && nearest < x) return Number((nearest + step).toFixed(decimals));
  if (mode === 'down' && nearest > x) return Number((nearest - step).toFixed(decimals));
  return nearest;
}
