/**
 * Samples several dimensions together (audience x style x tone ...) so that their combinations,
 * not just each dimension alone, cover the space. Drawing each dimension independently leaves
 * some combinations over-represented and others empty by chance; for a diversity-by-design recipe
 * the combinations are the point, so the default is stratification: every combination appears as
 * often as every other (within one) across the dataset.
 *
 * Modes:
 * - `stratified`: when the cross product has at most `total` cells, each cell appears
 *   floor(total / cells) or ceil(total / cells) times; the cells that get the extra one are a
 *   seeded sample. When it has more cells than records, `total` distinct cells are a seeded
 *   sample of the product. Either way the list is shuffled by the seed and record i takes entry i.
 * - `independent`: each dimension drawn on its own, by its weights (uniform without).
 * - `target`: the user gives a weight per combination; each gets a whole-number quota of `total`
 *   by the largest-remainder (Hamilton) method, so the counts sum to `total` exactly and no
 *   quota is further than one from its exact share; the list is then shuffled by the seed.
 *
 * Every value depends only on (seed, recordIdx) and the options, never on call order: the engine
 * generates records concurrently and resumes after a crash, and a resumed record must see the same
 * combination. Weights on dimensions are used only in `independent` mode; giving them in another
 * mode is an error rather than silently ignored.
 */
import { sampleCategory } from './category.js';
import { createRng, deriveSeed, shuffleInPlace } from '../core/rng.js';
import { SamplerError } from '../core/sampler-error.js';
import type { Rng } from '../core/rng-types.js';
import { validateWeights } from '../core/validate-weights.js';

export type JointMode = 'stratified' | 'independent' | 'target';

export interface JointDimension {
  values: readonly string[];
  /** Relative weights, one per value; `independent` mode only. */
  weights?: readonly number[];
}

export type JointDimensions = Readonly<Record<string, JointDimension>>;

export interface JointSamplerOptions {
  /** Dimension name to its values; the object's key order is the order of values in a combination key. */
  dimensions: JointDimensions;
  mode: JointMode;
  /** `target` mode: combination key (see `comboKey`) to relative weight; combinations left out get none. */
  target?: Readonly<Record<string, number>>;
  /** Number of records; `stratified` and `target` plan exactly this many. */
  total: number;
  seed: number | string;
}

export interface JointSampler {
  readonly dimensionNames: readonly string[];
  /** The combination for record `recordIdx` (0-based, below `total` in stratified and target modes). */
  sample(recordIdx: number): Record<string, string>;
}

/** Separates the values of a combination key: `"college students|blog post"`. Values may not contain it. */
export const COMBO_SEPARATOR = '|';

/** The key of a combination, its values in dimension order joined by `|`. */
export function comboKey(values: readonly string[]): string {
  return values.join(COMBO_SEPARATOR);
}

/** Above this many cells a stratified plan or a cell table is not worth enumerating or reading. */
const MAX_CELLS_TABLE = 1_000_000;

export function createJointSampler(options: JointSamplerOptions): JointSampler {
  const { mode, total, seed } = options;
  const dims = checkDimensions(options.dimensions, mode);
  if (!Number.isSafeInteger(total) || total < 1) throw new SamplerError(`joint: total must be a whole number >= 1, got ${String(total)}`);
  const names = dims.map((d) => d.name);

  if (mode === 'independent') {
    if (options.target !== undefined) throw new SamplerError('joint: target is used only in target mode');
    return {
      dimensionNames: names,
      sample(recordIdx) {
        checkIndex(recordIdx);
        const rng = createRng(deriveSeed(seed, recordIdx));
        // A fork per dimension name: adding or reordering a dimension leaves the others' draws alone.
        return Object.fromEntries(dims.map((d) => [d.name, sampleCategory({ values: d.values, weights: d.weights }, rng.fork(d.name))]));
      },
    };
  }

  let plan: number[];
  const planRng = createRng(deriveSeed(seed, 'joint', mode));
  if (mode === 'stratified') {
    if (options.target !== undefined) throw new SamplerError('joint: target is used only in target mode');
    plan = stratifiedPlan(dims, total, planRng);
  } else if (mode === 'target') {
    plan = targetPlan(dims, options.target, total);
  } else {
    throw new SamplerError(`joint: mode "${String(mode)}" is unknown; use stratified, independent or target`);
  }
  shuffleInPlace(plan, planRng);

  return {
    dimensionNames: names,
    sample(recordIdx) {
      checkIndex(recordIdx);
      if (recordIdx >= total) throw new SamplerError(`joint: record index ${recordIdx} is outside the plan of ${total} records (0..${total - 1})`);
      return decode(dims, plan[recordIdx]);
    },
  };
}

/**
 * How many of `samples` fall in each cell of the cross product of `dimensions`, empty cells
 * included (so a test or report can see what is missing). Keys are `comboKey`s.
 */
export function cellCounts(samples: readonly Record<string, string>[], dimensions: JointDimensions): Map<string, number> {
  const dims = checkDimensions(dimensions, 'independent');
  const cells = productOf(dims);
  if (cells > MAX_CELLS_TABLE) throw new SamplerError(`joint: the cross product has ${cells} cells, more than ${MAX_CELLS_TABLE} to count`);
  const counts = new Map<string, number>();
  for (let c = 0; c < cells; c++) {
    const digits = digitsOf(dims, c);
    counts.set(comboKey(dims.map((d, i) => d.values[digits[i]])), 0);
  }
  samples.forEach((sample, i) => {
    const values = dims.map((d) => {
      const value = sample[d.name];
      if (!d.values.includes(value)) throw new SamplerError(`joint: sample ${i} has ${d.name}=${JSON.stringify(value)}, not one of its values`);
      return value;
    });
    const key = comboKey(values);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return counts;
}

interface Dim {
  name: string;
  values: readonly string[];
  weights?: readonly number[];
}

function checkDimensions(dimensions: JointDimensions, mode: JointMode): Dim[] {
  if (dimensions === null || typeof dimensions !== 'object') throw new SamplerError('joint: dimensions must be an object of name to values');
  const dims = Object.entries(dimensions).map(([name, d]): Dim => {
    const { values, weights } = d ?? {};
    if (!Array.isArray(values) || values.length === 0) throw new SamplerError(`joint: dimension "${name}" has no values`);
    values.forEach((v, i) => {
      if (typeof v !== 'string') throw new SamplerError(`joint: dimension "${name}" value ${i} is ${typeof v}; values must be strings`);
      if (v.includes(COMBO_SEPARATOR))
        throw new SamplerError(`joint: dimension "${name}" value "${v}" contains "${COMBO_SEPARATOR}", which separates values in combination keys`);
      if (values.indexOf(v) !== i) throw new SamplerError(`joint: dimension "${name}" lists "${v}" twice`);
    });
    if (weights !== undefined) {
      if (mode !== 'independent') {
        throw new SamplerError(
          `joint: dimension "${name}" has weights, which only independent mode uses; in ${mode} mode remove them (or use target mode for unequal combinations)`,
        );
      }
      if (weights.length !== values.length) {
        throw new SamplerError(`joint: dimension "${name}" has ${weights.length} weights for ${values.length} values; give one weight per value`);
      }
      validateWeights(weights, `joint dimension "${name}"`);
    }
    return { name, values, weights };
  });
  if (dims.length === 0) throw new SamplerError('joint: give at least one dimension');
  return dims;
}

function checkIndex(recordIdx: number): void {
  if (!Number.isSafeInteger(recordIdx) || recordIdx < 0) throw new SamplerError(`joint: record index must be a whole number >= 0, got ${String(recordIdx)}`);
}

function productOf(dims: readonly Dim[]): number {
  return dims.reduce((p, d) => p * d.values.length, 1);
}

/** Cell number to combination: mixed radix, the last dimension varying fastest. */
function decode(dims: readonly Dim[], cell: number): Record<string, string> {
  const digits = digitsOf(dims, cell);
  return Object.fromEntries(dims.map((d, i) => [d.name, d.values[digits[i]]]));
}

function digitsOf(dims: readonly Dim[], cell: number): number[] {
  const digits = new Array<number>(dims.length);
  for (let i = dims.length - 1; i >= 0; i--) {
    const size = dims[i].values.length;
    digits[i] = cell % size;
    cell = Math.floor(cell / size);
  }
  return digits;
}

function stratifiedPlan(dims: readonly Dim[], total: number, rng: Rng): number[] {
  const cells = productOf(dims);
  if (!Number.isSafeInteger(cells)) throw new SamplerError(`joint: the cross product of the dimensions is too large (${cells} cells)`);
  const rounds = Math.floor(total / cells);
  const plan: number[] = [];
  for (let r = 0; r < rounds; r++) for (let c = 0; c < cells; c++) plan.push(c);
  for (const cell of sampleCells(cells, total - rounds * cells, rng)) plan.push(cell);
  return plan;
}

/**
 * `count` distinct cells of [0, cells) by Floyd's algorithm (Bentley and Floyd, "Programming
 * Pearls: A sample of brilliance", CACM 1987): `count` draws and memory, however many cells.
 */
function sampleCells(cells: number, count: number, rng: Rng): number[] {
  const chosen = new Set<number>();
  for (let j = cells - count; j < cells; j++) {
    const t = rng.int(0, j);
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen];
}

function targetPlan(dims: readonly Dim[], target: Readonly<Record<string, number>> | undefined, total: number): number[] {
  if (target === undefined || target === null || typeof target !== 'object' || Object.keys(target).length === 0) {
    throw new SamplerError(`joint: target mode needs target, a weight per combination key such as "${comboKey(dims.map((d) => d.values[0]))}"`);
  }
  const cells: number[] = [];
  const seen = new Set<number>();
  const entries = Object.entries(target);
  for (const [key] of entries) {
    const parts = key.split(COMBO_SEPARATOR).map((p) => p.trim());
    if (parts.length !== dims.length) {
      throw new SamplerError(
        `joint: target key "${key}" has ${parts.length} value(s); give ${dims.length}, one per dimension (${dims.map((d) => d.name).join(COMBO_SEPARATOR)})`,
      );
    }
    let cell = 0;
    parts.forEach((part, i) => {
      const index = dims[i].values.indexOf(part);
      if (index < 0) throw new SamplerError(`joint: target key "${key}": "${part}" is not a value of dimension "${dims[i].name}"`);
      cell = cell * dims[i].values.length + index;
    });
    if (seen.has(cell)) throw new SamplerError(`joint: target names the combination "${key}" twice`);
    seen.add(cell);
    cells.push(cell);
  }
  const weights = entries.map(([, w]) => w);
  validateWeights(weights, 'joint target');
  const quotas = largestRemainder(weights, total);
  const plan: number[] = [];
  cells.forEach((cell, i) => {
    for (let q = 0; q < quotas[i]; q++) plan.push(cell);
  });
  return plan;
}

/**
 * Whole-number shares of `total` proportional to `weights`: each gets the floor of its exact
 * share, and the seats left over go to the largest fractional parts (ties to the earlier entry).
 */
function largestRemainder(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const quotas = exact.map(Math.floor);
  // Floating-point shares can land a hair off a whole number; clamp so the floors never overshoot.
  const left = total - quotas.reduce((a, b) => a + b, 0);
  const order = exact.map((_, i) => i).sort((a, b) => exact[b] - quotas[b] - (exact[a] - quotas[a]) || a - b);
  for (let i = 0; i < left; i++) quotas[order[i % order.length]]++;
  for (let i = 0, over = -left; over > 0; i++) {
    const j = order[order.length - 1 - (i % order.length)];
    if (quotas[j] > 0) {
      quotas[j]--;
      over--;
    }
  }
  return quotas;
}
