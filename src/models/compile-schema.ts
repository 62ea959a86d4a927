/**
 * Compiles a JSON Schema into the validator replies are checked with. `allErrors` so a repair
 * message names every problem at once (one round trip fixes them all); `strict: false` because
 * user schemas carry annotations (`description`, `examples`) and formats Ajv does not know.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { JsonSchema } from './types.js';

export function compileSchema(schema: JsonSchema): ValidateFunction {
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}
