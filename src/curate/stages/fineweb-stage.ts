/**
 * `stage: fineweb`: FineWeb's own quality filters (Penedo et al. 2024; defaults in rules/fineweb.ts).
 * For short texts a line counts as short at 10 characters rather than 30 (a one-line record of 25
 * characters is all "short lines" otherwise).
 */
import { z } from 'zod';
import { defineStage } from '../curate-stage.js';
import { fineweb } from '../rules/fineweb.js';
import { count, fraction, textStageFields } from '../stage-fields.js';
import { perProfiledText, ruleOptions } from './per-record.js';

export const SHORT_TEXT_FINEWEB = { short_line_length: 10 };

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
  run: perProfiledText((stage, profile) => {
    const options = { ...(profile.short ? SHORT_TEXT_FINEWEB : {}), ...ruleOptions(stage) };
    return (text) => fineweb(text, options);
  }),
});
