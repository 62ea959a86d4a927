/** A float column: a number in [min, max], uniform or normal (clipped), optionally rounded. */
import { z } from 'zod';
import { columnSchema, defineColumnKind } from './column-kind.js';
import { checkRange, distributionShape } from './number-distribution.js';
import { sampleFloat } from '../samplers/numbers.js';

export const floatKind = defineColumnKind({
  schema: columnSchema('float', { min: z.number(), max: z.number(), decimals: z.number().int().min(0).max(12).optional(), ...distributionShape }),
  plan: (column, ctx) => checkRange(column, ctx),
  sample: ({ column }, { rng }) => ({ value: sampleFloat(column, rng) }),
});
