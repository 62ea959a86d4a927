/**
 * `stage: c4`: the C4 line and document filters (Raffel et al. 2020; defaults in rules/c4.ts). For
 * short texts C4's "3 sentences of 5+ words" page floor becomes one sentence of 3+ words.
 */
import { z } from 'zod';
import { defineStage } from '../curate-stage.js';
import { c4 } from '../rules/c4.js';
import { count, textStageFields } from '../stage-fields.js';
import { perProfiledText, ruleOptions } from './per-record.js';

export const SHORT_TEXT_C4 = { min_sentences: 1, min_words_per_line: 3 };

export const c4Stage = defineStage({
  kind: 'c4',
  schema: z
    .object({
      ...textStageFields,
      stage: z.literal('c4'),
      min_words_per_line: count.optional(),
      min_sentences: count.optional(),
      max_word_length: z.number().int().positive().optional(),
      filter_lorem_ipsum: z.boolean().optional(),
      filter_curly_bracket: z.boolean().optional(),
      filter_javascript: z.boolean().optional(),
      filter_policy: z.boolean().optional(),
    })
    .strict(),
  run: perProfiledText((stage, profile) => {
    const options = { ...(profile.short ? SHORT_TEXT_C4 : {}), ...ruleOptions(stage) };
    return (text) => c4(text, options);
  }),
});
