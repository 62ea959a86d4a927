/** An integer column: a whole number in [min, max], uniform or normal (clipped). */
import { z } from 'zod';
import { columnSchema, defineColumnKind } from './column-kind.js';
import { checkRange, distributionShape } from './number-distribution.js';
import { sampleInteger } from '../samplers/numbers.js';

export const integerKind = defineColumnKind({
  schema: columnSchema('integer', { min: z.number().int(), max: z.number().int(), ...distributionShape }),
  plan: (column, ctx) => checkRange(column, ctx),
  sample: ({ column }, { rng }) => ({ value: sampleInteger(column, rng) }),
});
