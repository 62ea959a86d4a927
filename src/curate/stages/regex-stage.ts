/** `stage: regex`: patterns that must or must not be found (rules/regex.ts); patterns are checked when the config loads. */
import { z } from 'zod';
import { defineStage } from '../curate-stage.js';
import { compileRegexRule } from '../rules/regex.js';
import { regexSource, textStageFields } from '../stage-fields.js';
import { perText } from './per-record.js';

export const regexStage = defineStage({
  kind: 'regex',
  schema: z
    .object({
      ...textStageFields,
      stage: z.literal('regex'),
      must_match: z.array(regexSource).optional(),
      must_not_match: z.array(regexSource).optional(),
      ignore_case: z.boolean().optional(),
    })
    .strict(),
  run: perText((stage) => compileRegexRule(stage)),
});
