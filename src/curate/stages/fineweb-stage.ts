/** `stage: fineweb`: FineWeb's own quality filters (Penedo et al. 2024; defaults in rules/fineweb.ts). */
import { z } from 'zod';
import { defineStage } from '../curate-stage.js';
import { fineweb } from '../rules/fineweb.js';
import { count, fraction, textStageFields } from '../stage-fields.js';
import { perText, ruleOptions } from './per-record.js';

export const finewebStage = defineStage({
  kind: 'fineweb',
  schema: z
    .object({
      ...textStageFields,
      stage: z.literal('fineweb'),
      min_line_punctuation_ratio: fraction.optional(),
      max_short_line_ratio: z.number().min(0).optional(),
      short_line_length: count.optional(),
      max_duplicate_line_char_ratio: z.number().min(0).optional(),
      max_newline_word_ratio: z.number().min(0).optional(),
    })
    .strict(),
  run: perText((stage) => (text) => fineweb(text, ruleOptions(stage))),
});
