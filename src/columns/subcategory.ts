/**
 * A subcategory column: a value from the list that belongs to its parent column's value. Every
 * value the parent can take needs a list; when the parent's values are known at plan time (a
 * category, or another subcategory), a missing one is a recipe error, not a failure mid-run.
 */
import { z } from 'zod';
import { columnNameSchema, columnSchema, defineColumnKind } from './column-kind.js';
import { checkWeights, weightedValuesSchema } from './weighted-values.js';
import { sampleSubcategory } from '../samplers/subcategory.js';

const schema = columnSchema('subcategory', {
  parent: columnNameSchema,
  values: z.record(z.string(), z.union([z.array(z.string()).min(1), weightedValuesSchema])),
});

export const subcategoryKind = defineColumnKind({
  schema,
  plan(column, ctx) {
    ctx.dependOn(column.parent);
    for (const [key, spec] of Object.entries(column.values)) {
      if (!Array.isArray(spec)) checkWeights(spec.values.length, spec.weights, ['values', key, 'weights'], ctx);
    }
    // Own keys only, as the sampler looks them up: a parent value "constructor" needs its own entry.
    const missing = [...new Set(ctx.valuesOf(column.parent) ?? [])].filter((value) => !Object.hasOwn(column.values, value));
    if (missing.length) {
      const listed = missing.map((v) => JSON.stringify(v)).join(', ');
      ctx.issue(
        ['values'],
        `parent column '${column.parent}' can take ${listed}, which ${missing.length === 1 ? 'has' : 'have'} no entry here; ` +
          `add ${missing.length === 1 ? 'it' : 'them'} under values: with the ${column.name} values for ${missing.length === 1 ? 'it' : 'each'}`,
      );
    }
  },
  sample: ({ column }, { scope, rng }) => ({ value: sampleSubcategory(column, String(scope[column.parent]), rng) }),
  values: (column) => [...new Set(Object.values(column.values).flatMap((spec) => (Array.isArray(spec) ? spec : spec.values)))],
  attributes: (column) => ({
    columns: [{ field: column.name }],
    combinations: [[column.parent, column.name]],
    // Only each parent value's own children can occur: coverage counts these pairs, not the full product.
    allowed: {
      [`${column.parent}\u0000${column.name}`]: Object.entries(column.values).flatMap(([parent, spec]) =>
        (Array.isArray(spec) ? spec : spec.values).map((child) => [parent, child]),
      ),
    },
  }),
});
