/**
 * Structured output the judges must return. Engines enforce it where they can (JSON-schema mode,
 * grammar, forced tool); the reply is validated either way and a failing one is retried.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { JsonSchema } from '../../models/types.js';
import { RATIONALE_MAX_LENGTH } from './rubric-prompt.js';

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
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}
