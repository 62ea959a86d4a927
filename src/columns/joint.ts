/**
 * A joint column: several dimensions sampled together (audience x style ...), balanced over their
 * cross product by default. The sampler is checked at plan time; a run builds it for the number of
 * records it asks for (which `--records` may change), so the balance is over the real dataset.
 */
import { z } from 'zod';
import { columnSchema, defineColumnKind, type PlanContext } from './column-kind.js';
import { weightedValuesSchema } from './weighted-values.js';
import { createJointSampler, type JointDimension, type JointSampler } from '../samplers/joint.js';
import { DIVERSITY_DIMENSIONS, DIVERSITY_DIMENSION_NAMES } from '../samplers/diversity-data.js';
import { deriveSeed } from '../core/rng.js';

const schema = columnSchema('joint', {
  /** Each dimension: `builtin` (audience, style, tone, length) or its own values. */
  dimensions: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), z.union([z.literal('builtin'), weightedValuesSchema])),
  /** stratified: balanced over the cross product; independent: each dimension by its weights; target: the given shares. */
  mode: z.enum(['stratified', 'independent', 'target']).optional(),
  /** For mode target: share per combination, keyed "value1|value2" in dimension order. */
  target: z.record(z.string(), z.number().nonnegative()).optional(),
});

type JointColumn = z.output<typeof schema>;

function dimensionsOf(column: JointColumn, ctx?: PlanContext): Record<string, JointDimension> {
  const dimensions: Record<string, JointDimension> = {};
  for (const [dim, spec] of Object.entries(column.dimensions)) {
    if (spec !== 'builtin') dimensions[dim] = spec;
    else if (Object.hasOwn(DIVERSITY_DIMENSIONS, dim)) dimensions[dim] = { values: DIVERSITY_DIMENSIONS[dim as keyof typeof DIVERSITY_DIMENSIONS].values };
    else ctx?.issue(['dimensions', dim], `no built-in values for '${dim}'; built-in dimensions are ${DIVERSITY_DIMENSION_NAMES.join(', ')}`);
  }
  return dimensions;
}

function createSampler(column: JointColumn, total: number, seed: number): JointSampler {
  return createJointSampler({
    dimensions: dimensionsOf(column),
    mode: column.mode ?? 'stratified',
    target: column.target,
    total,
    seed: deriveSeed(seed, column.name),
  });
}

export const jointKind = defineColumnKind({
  schema,
  plan(column, ctx) {
    const dimensions = dimensionsOf(column, ctx);
    if (!Object.keys(dimensions).length) ctx.issue(['dimensions'], 'give at least one dimension');
    else {
      try {
        createSampler(column, ctx.records, ctx.seed);
      } catch (error) {
        ctx.issue([column.target ? 'target' : 'dimensions'], (error as Error).message);
      }
    }
  },
  prepare: ({ column }, { records, seed }) => createSampler(column, records, seed),
  // Records past the planned total (until-valid runs) cycle through the balanced plan again.
  sample: (_planned, { idx, total, prepared }) => ({ value: prepared.sample(idx % total) }),
  // `name.dimension` for each dimension, and their cross product (the first four dimensions).
  attributes(column) {
    const dims = Object.keys(column.dimensions);
    const domains: Record<string, string[]> = {};
    for (const dim of dims) {
      const spec = column.dimensions[dim];
      if (typeof spec === 'object') domains[`${column.name}.${dim}`] = spec.values.map(String);
    }
    return {
      columns: dims.map((dim) => ({ field: `${column.name}.${dim}` })),
      domains,
      combinations: dims.length >= 2 ? [dims.slice(0, 4).map((d) => `${column.name}.${d}`)] : [],
    };
  },
});
