/**
 * `stage: confidence`: a numeric field within bounds, typically the mean token log-probability of
 * an LLM cell (`_logprobs.feedback.mean`), so answers the model was unsure of can be flagged.
 */
import { z } from 'zod';
import { getPath } from '../../core/field-path.js';
import { defineStage } from '../curate-stage.js';
import { failed, kept } from '../curation-record.js';
import { commonFields, fieldPath } from '../stage-fields.js';
import { perRecord } from './per-record.js';
import { actionOf } from './stage-context.js';

export const confidenceStage = defineStage({
  kind: 'confidence',
  schema: z
    .object({
      ...commonFields,
      stage: z.literal('confidence'),
      field: fieldPath,
      min: z.number().optional(),
      max: z.number().optional(),
      /** What a record without the field gets (default keep: not every engine gives log-probabilities). */
      if_missing: z.enum(['keep', 'flag', 'drop']).optional(),
    })
    .strict()
    .refine((s) => s.min !== undefined || s.max !== undefined, { message: 'set min or max (or both)' }),
  run: perRecord((stage) => {
    const ifMissing = stage.if_missing ?? 'keep';
    const action = actionOf(stage);
    return (record) => {
      const value = getPath(record.data, stage.field);
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return ifMissing === 'keep' ? kept() : failed(ifMissing, [`no numeric ${stage.field}`]);
      }
      const reasons = [
        stage.min !== undefined && value < stage.min && `${stage.field} below ${stage.min}`,
        stage.max !== undefined && value > stage.max && `${stage.field} above ${stage.max}`,
      ].filter((r): r is string => typeof r === 'string');
      return reasons.length ? failed(action, reasons, { signals: { value } }) : kept({ value });
    };
  }),
});
