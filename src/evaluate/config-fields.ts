/** The zod pieces evaluation metrics build their config sections from, so each words a mistake the same way. */
import { z } from 'zod';
import { fieldPathProblem } from '../core/field-path.js';

export const modelName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a model name defined under models');

/** A dotted field path into a record ("persona.region", "_signals.judge.score"). */
export const fieldPath = z
  .string()
  .min(1)
  .regex(/^[^.]+(\.[^.]+)*$/, 'expected a dotted field path such as persona.region')
  .superRefine((path, ctx) => {
    const problem = fieldPathProblem(path);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const positiveInt = z.number().int().positive();
