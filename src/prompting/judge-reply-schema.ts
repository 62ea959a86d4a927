/**
 * Structured output the judges must return. Engines enforce it where they can (JSON-schema mode,
 * grammar, forced tool); the reply is validated either way and a failing one is repaired
 * (models/generate-structured.ts).
 */
import type { ValidateFunction } from 'ajv';
import { compileSchema } from '../models/compile-schema.js';
import type { JsonSchema } from '../models/types.js';

/** Upper bound on a judge's rationale, so a judge cannot pad a reply with an essay. */
export const RATIONALE_MAX_LENGTH = 300;

export function pointwiseReplySchema(scale: number[]): JsonSchema {
  return {
    type: 'object',
    properties: {
      score: { type: 'integer', enum: [...scale] },
      rationale: { type: 'string', maxLength: RATIONALE_MAX_LENGTH },
    },
    required: ['score', 'rationale'],
    additionalProperties: false,
  };
}

export function pairwiseReplySchema(): JsonSchema {
  return {
    type: 'object',
    properties: {
      winner: { type: 'string', enum: ['A', 'B', 'tie'] },
      rationale: { type: 'string', maxLength: RATIONALE_MAX_LENGTH },
    },
    required: ['winner', 'rationale'],
    additionalProperties: false,
  };
}

export function compileReplySchema(schema: JsonSchema): ValidateFunction {
  return compileSchema(schema);
}
