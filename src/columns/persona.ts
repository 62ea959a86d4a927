/** A persona column: demographic fields drawn from built-in data, each replaceable in the recipe. */
import { z } from 'zod';
import { columnSchema, defineColumnKind } from './column-kind.js';
import { checkWeights, weightedValuesSchema } from './weighted-values.js';
import { samplePersona } from '../samplers/persona.js';
import { PERSONA_FIELD_NAMES } from '../samplers/persona-data.js';

const schema = columnSchema('persona', {
  fields: z.array(z.enum(PERSONA_FIELD_NAMES)).min(1).optional(),
  overrides: z.partialRecord(z.enum(PERSONA_FIELD_NAMES), weightedValuesSchema).optional(),
});

export const personaKind = defineColumnKind({
  schema,
  plan(column, ctx) {
    for (const [field, spec] of Object.entries(column.overrides ?? {})) {
      if (spec) checkWeights(spec.values.length, spec.weights, ['overrides', field, 'weights'], ctx);
    }
  },
  sample: ({ column }, { rng }) => ({ value: samplePersona(column, rng) }),
  // `name.field` for each field sampled (built-in data, so no target).
  attributes(column) {
    const fields = (column.fields ?? PERSONA_FIELD_NAMES).map((field) => `${column.name}.${field}`);
    return { columns: fields.map((field) => ({ field })), personaFields: fields };
  },
});
