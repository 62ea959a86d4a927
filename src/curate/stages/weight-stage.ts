/**
 * `stage: weight`: per-record training weights. The formula is evaluated per record (`weight.raw`);
 * the weights themselves are normalized in `finish`, after every stage, over the exported records,
 * so a stage after this one that drops records cannot leave the mean off 1 (see weight.ts). A
 * formula giving no finite number >= 0 flags the record. One weight stage per config: two would
 * each claim the `_weight` column.
 */
import { z } from 'zod';
import { defineStage } from '../curate-stage.js';
import { expressionScope, failed, kept } from '../curation-record.js';
import { compileExpression, ExpressionError } from '../safe-expression.js';
import { commonFields, expression } from '../stage-fields.js';
import { normalizeWeights } from '../weight.js';
import { perRecord } from './per-record.js';

export const weightStage = defineStage({
  kind: 'weight',
  schema: z
    .object({
      ...commonFields,
      stage: z.literal('weight'),
      formula: expression,
      min: z.number().min(0).optional(),
      max: z.number().positive().optional(),
    })
    .strict()
    .refine((s) => (s.min ?? 0) <= 1 && 1 <= (s.max ?? Number.POSITIVE_INFINITY), { message: 'min must be <= 1 <= max (weights have mean 1)' }),
  validate(_stage, { index, config }) {
    const first = config.stages.findIndex((s) => s.stage === 'weight');
    return first < index ? [{ path: ['stage'], message: `only one weight stage is allowed (stages[${first}] is one); combine the formulas` }] : [];
  },
  run: perRecord((stage) => {
    const formula = compileExpression(stage.formula);
    return (record) => {
      let value: unknown;
      try {
        value = formula.evaluate(expressionScope(record));
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        return failed('flag', ['weight formula could not be evaluated'], { detail: error.message });
      }
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        return failed('flag', ['weight formula gave no usable number'], { detail: `got ${JSON.stringify(value)}` });
      }
      return kept({ raw: Math.round(value * 1e9) / 1e9 });
    };
  }),
  finish(records, stage, name) {
    const exported = records.filter((r) => r.decision !== 'dropped');
    const weights = normalizeWeights(
      exported.map((r) => r.signals[name]?.raw),
      { min: stage.min, max: stage.max },
    );
    exported.forEach((r, i) => {
      if (weights[i] !== undefined) r.weight = weights[i];
    });
    const given = weights.filter((w): w is number => w !== undefined);
    if (given.length === 0) return { weights: undefined };
    const mean = Math.round((given.reduce((s, w) => s + w, 0) / given.length) * 1e6) / 1e6;
    return { weights: { records: given.length, min: Math.min(...given), max: Math.max(...given), mean } };
  },
});
