/**
 * `stage: gopher-quality`: Gopher's quality heuristics (Rae et al. 2021; defaults and their caveats
 * in rules/gopher-quality.ts). For short texts (median under 100 words, text-profile.ts) the
 * web-page length floor of 50 words becomes SHORT_TEXT_GOPHER's; explicit settings always win.
 */
import { z } from 'zod';
import { defineStage } from '../curate-stage.js';
import { gopherQuality } from '../rules/gopher-quality.js';
import { count, fraction, textStageFields } from '../stage-fields.js';
import { perProfiledText, ruleOptions } from './per-record.js';

/**
 * Short-text floors (ours): a one-sentence record of 5 words can be a fine feedback entry, and one
 * stop word is as much as "Booking slots gone again, please fix." has; the ratio checks stay.
 */
export const SHORT_TEXT_GOPHER = { min_words: 5, min_stop_words: 1 };

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
  run: perProfiledText((stage, profile) => {
    const options = { ...(profile.short ? SHORT_TEXT_GOPHER : {}), ...ruleOptions(stage) };
    return (text) => gopherQuality(text, options);
  }),
});
