/** `stage: json-schema`: one field (an object, or a string holding JSON) must match a JSON schema (rules/json-schema.ts). */
import { z } from 'zod';
import { getPath } from '../../core/field-path.js';
import { defineStage } from '../curate-stage.js';
import { compileJsonSchemaRule } from '../rules/json-schema.js';
import { commonFields, fieldPath } from '../stage-fields.js';
import { fromRule, perRecord } from './per-record.js';
import { actionOf } from './stage-context.js';

export const jsonSchemaStage = defineStage({
  kind: 'json-schema',
  schema: z.object({ ...commonFields, stage: z.literal('json-schema'), field: fieldPath, schema: z.record(z.string(), z.unknown()) }).strict(),
  run: perRecord((stage) => {
    const check = compileJsonSchemaRule(stage.schema);
    const action = actionOf(stage);
    return (record) => fromRule(check(getPath(record.data, stage.field)), action);
  }),
});
