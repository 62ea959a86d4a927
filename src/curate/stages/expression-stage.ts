/** `stage: expression`: a safe expression over the record and earlier stages' signals must hold (`age >= 18`). */
import { z } from 'zod';
import { defineStage } from '../curate-stage.js';
import { expressionScope, failed, kept } from '../curation-record.js';
import { compileExpression, ExpressionError, isTruthy } from '../safe-expression.js';
import { commonFields, expression } from '../stage-fields.js';
import { perRecord } from './per-record.js';
import { actionOf } from './stage-context.js';

export const expressionStage = defineStage({
  kind: 'expression',
  schema: z.object({ ...commonFields, stage: z.literal('expression'), rule: expression, reason: z.string().min(1).max(200) }).strict(),
  run: perRecord((stage) => {
    const rule = compileExpression(stage.rule);
    const action = actionOf(stage);
    return (record) => {
      try {
        return isTruthy(rule.evaluate(expressionScope(record))) ? kept() : failed(action, [stage.reason]);
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        // A rule that cannot be evaluated on this record says nothing about it: a person looks.
        return failed('flag', ['rule could not be evaluated'], { detail: error.message });
      }
    };
  }),
});
