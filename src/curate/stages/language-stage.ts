/** `stage: language`: language identification with tinyld (threshold and its origin in rules/language.ts). */
import { z } from 'zod';
import { defineStage } from '../curate-stage.js';
import { languageRule } from '../rules/language.js';
import { count, fraction, textStageFields } from '../stage-fields.js';
import { perText } from './per-record.js';

export const languageStage = defineStage({
  kind: 'language',
  schema: z
    .object({
      ...textStageFields,
      stage: z.literal('language'),
      languages: z.array(z.string().regex(/^[a-z]{2}$/, 'expected an ISO 639-1 code such as en')).min(1),
      min_confidence: fraction.optional(),
      min_chars: count.optional(),
    })
    .strict(),
  run: perText((stage) => (text) => languageRule(text, stage).result),
});
