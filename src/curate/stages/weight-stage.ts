/**
 * The weight stage evaluates its formula per record (`weight.raw`); the weights themselves are
 * normalized at the end of curation over the exported records, so a stage after this one that
 * drops records cannot leave the mean off 1. A formula giving no finite number >= 0 flags the record.
 */
import type { StageConfig } from '../config-schema.js';
import { expressionScope, failed, kept, type CurationRecord } from '../curation-record.js';
import { compileExpression, ExpressionError } from '../safe-expression.js';
import type { StageContext, StageResult } from './stage-context.js';

type WeightStage = Extract<StageConfig, { stage: 'weight' }>;

export async function runWeightStage(records: CurationRecord[], stage: WeightStage, _context: StageContext): Promise<StageResult> {
  const formula = compileExpression(stage.formula);
  return {
    outcomes: records.map((record) => {
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
    }),
  };
}
