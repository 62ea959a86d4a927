/**
 * The zod pieces curate stages build their config schemas from, so every stage words the same
 * mistake the same way. Each stage may set `action`: what a failing record gets, `drop` (default
 * for rules and dedup) or `flag` (kept in curated.jsonl, marked for human review). Each stage's
 * signals are stored under its `name` (default: the stage kind with '-' as '_', e.g.
 * `near_dedup`), which is also the name formulas use (`judge.score`, `near_dedup.cluster_size`).
 */
import { z } from 'zod';
import { splitPath } from '../core/field-path.js';
import { compileExpression } from './safe-expression.js';

export const modelName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a model name defined under models');
export const stageName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must start with a letter or _ and hold only letters, digits and _ (formulas use it)');
export const fieldPath = z
  .string()
  .min(1)
  .superRefine((value, ctx) => {
    try {
      splitPath(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });
export const expression = z
  .string()
  .min(1)
  .superRefine((value, ctx) => {
    try {
      compileExpression(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `expression does not parse: ${(error as Error).message}` });
    }
  });
export const regexSource = z.string().superRefine((value, ctx) => {
  try {
    new RegExp(value, 'u');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(error as Error).message}` });
  }
});
export const fraction = z.number().min(0).max(1);
export const count = z.number().int().min(0);
export const action = z.enum(['drop', 'flag']);
export const keepPolicy = z.enum(['first', 'longest', 'best-score']);

/** Fields every stage has. */
export const commonFields = {
  name: stageName.optional(),
  action: action.optional(),
};

/** Stages that read one text: the field (a path) or, by default, the config's text_field. */
export const textStageFields = { ...commonFields, field: fieldPath.optional() };
