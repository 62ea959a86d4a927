/** `stage: length`: bounds in characters, words and approximate tokens (rules/length.ts; a bound applies only when set). */
import { z } from 'zod';
import { defineStage } from '../curate-stage.js';
import { lengthRule } from '../rules/length.js';
import { count, textStageFields } from '../stage-fields.js';
import { perText, ruleOptions } from './per-record.js';

export const lengthStage = defineStage({
  kind: 'length',
  schema: z
    .object({
      ...textStageFields,
      stage: z.literal('length'),
      min_chars: count.optional(),
      max_chars: count.optional(),
      min_words: count.optional(),
      max_words: count.optional(),
      min_tokens: count.optional(),
      max_tokens: count.optional(),
    })
    .strict(),
  run: perText((stage) => (text) => lengthRule(text, ruleOptions(stage))),
});
