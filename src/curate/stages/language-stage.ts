/**
 * `stage: language`: language identification with tinyld (threshold, short-text handling and their
 * origin in rules/language.ts). Without `languages`, the language most of the texts are in.
 */
import { z } from 'zod';
import { defineStage } from '../curate-stage.js';
import { dominantLanguage, languageRule } from '../rules/language.js';
import { count, fraction, textStageFields } from '../stage-fields.js';
import { perProfiledText } from './per-record.js';

export const languageStage = defineStage({
  kind: 'language',
  schema: z
    .object({
      ...textStageFields,
      stage: z.literal('language'),
      languages: z
        .array(z.string().regex(/^[a-z]{2}$/, 'expected an ISO 639-1 code such as en'))
        .min(1)
        .optional(),
      min_confidence: fraction.optional(),
      min_chars: count.optional(),
      short_text_words: count.optional(),
    })
    .strict(),
  run: perProfiledText((stage, _profile, texts) => {
    const languages = stage.languages ?? [dominantLanguage(texts) ?? 'en'];
    return (text) => languageRule(text, { ...stage, languages }).result;
  }),
});
