/** `stage: required`: fields that must be present (and, by default, not empty). */
import { z } from 'zod';
import { getPath } from '../../core/field-path.js';
import { defineStage } from '../curate-stage.js';
import { failed, kept } from '../curation-record.js';
import { commonFields, fieldPath } from '../stage-fields.js';
import { perRecord } from './per-record.js';
import { actionOf } from './stage-context.js';

export const requiredStage = defineStage({
  kind: 'required',
  schema: z
    .object({
      ...commonFields,
      stage: z.literal('required'),
      fields: z.array(fieldPath).min(1),
      /** Whether an empty string or empty list counts as missing (default true). */
      non_empty: z.boolean().optional(),
    })
    .strict(),
  run: perRecord((stage) => {
    const nonEmpty = stage.non_empty ?? true;
    const action = actionOf(stage);
    return (record) => {
      const missing = stage.fields.filter((f) => isMissing(getPath(record.data, f), nonEmpty));
      return missing.length
        ? failed(
            action,
            missing.map((f) => `missing field ${f}`),
          )
        : kept();
    };
  }),
});

function isMissing(value: unknown, nonEmpty: boolean): boolean {
  if (value === undefined || value === null) return true;
  if (!nonEmpty) return false;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}
