/** `stage: gopher-quality`: Gopher's quality heuristics (Rae et al. 2021; defaults and their caveats in rules/gopher-quality.ts). */
import { z } from 'zod';
import { defineStage } from '../curate-stage.js';
import { gopherQuality } from '../rules/gopher-quality.js';
import { count, fraction, textStageFields } from '../stage-fields.js';
import { perText, ruleOptions } from './per-record.js';

export const gopherQualityStage = defineStage({
  kind: 'gopher-quality',
  schema: z
    .object({
      ...textStageFields,
      stage: z.literal('gopher-quality'),
      min_words: count.optional(),
      max_words: count.optional(),
      min_mean_word_length: z.number().min(0).optional(),
      max_mean_word_length: z.number().min(0).optional(),
      max_symbol_word_ratio: z.number().min(0).optional(),
      max_bullet_lines_ratio: fraction.optional(),
      max_ellipsis_lines_ratio: fraction.optional(),
      min_alpha_words_ratio: fraction.optional(),
      min_stop_words: count.optional(),
      stop_words: z.array(z.string().min(1)).optional(),
    })
    .strict(),
  run: perText((stage) => (text) => gopherQuality(text, ruleOptions(stage))),
});
