/** A category column: one of its values (or a built-in list's) per record, uniformly or by weight. */
import { z } from 'zod';
import { columnSchema, defineColumnKind } from './column-kind.js';
import { checkWeights, weightsSchema } from './weighted-values.js';
import { sampleCategory } from '../samplers/category.js';
import { DIVERSITY_DIMENSIONS, DIVERSITY_DIMENSION_NAMES } from '../samplers/diversity-data.js';

const schema = columnSchema('category', {
  /** The values; or leave out and name a built-in list with `builtin`. */
  values: z
    .array(z.union([z.string(), z.number(), z.boolean()]))
    .min(1)
    .optional(),
  builtin: z.enum(DIVERSITY_DIMENSION_NAMES).optional(),
  weights: weightsSchema.optional(),
});

type CategoryColumn = z.output<typeof schema>;

function valuesOf(column: CategoryColumn): readonly (string | number | boolean)[] | undefined {
  if (column.values) return column.values;
  return column.builtin ? DIVERSITY_DIMENSIONS[column.builtin].values : undefined;
}

export const categoryKind = defineColumnKind({
  schema,
  plan(column, ctx) {
    if (!column.values === !column.builtin) {
      ctx.issue(['values'], `give either values or builtin (one of ${DIVERSITY_DIMENSION_NAMES.join(', ')})`);
    } else {
      checkWeights(valuesOf(column)!.length, column.weights, ['weights'], ctx);
    }
  },
  sample: ({ column }, { rng }) => ({ value: sampleCategory({ values: valuesOf(column)!, weights: column.weights }, rng) }),
  values: (column) => (column.values && column.builtin ? undefined : valuesOf(column)?.map(String)),
  // The values as the domain and the weights (uniform without) as the target; a built-in list is measured without either.
  attributes(column) {
    if (!column.values) return { columns: [{ field: column.name }] };
    const values = column.values.map(String);
    const weights = column.weights ?? values.map(() => 1);
    return {
      columns: [{ field: column.name, target: Object.fromEntries(values.map((v, i) => [v, weights[i] ?? 0])) }],
      domains: { [column.name]: values },
    };
  },
});
