/** `stage: gopher-repetition`: Gopher's repetition removal (Rae et al. 2021, table A1; defaults in rules/gopher-repetition.ts). */
import { z } from 'zod';
import { defineStage } from '../curate-stage.js';
import { gopherRepetition } from '../rules/gopher-repetition.js';
import { fraction, textStageFields } from '../stage-fields.js';
import { perText, ruleOptions } from './per-record.js';

/** [n, max fraction] pairs, as the paper's table lists them. */
const ngramThresholds = z.array(z.tuple([z.number().int().min(1).max(50), fraction]));

export const gopherRepetitionStage = defineStage({
  kind: 'gopher-repetition',
  schema: z
    .object({
      ...textStageFields,
      stage: z.literal('gopher-repetition'),
      max_duplicate_line_fraction: fraction.optional(),
      max_duplicate_paragraph_fraction: fraction.optional(),
      max_duplicate_line_char_fraction: fraction.optional(),
      max_duplicate_paragraph_char_fraction: fraction.optional(),
      top_ngrams: ngramThresholds.optional(),
      duplicate_ngrams: ngramThresholds.optional(),
    })
    .strict(),
  run: perText((stage) => (text) => gopherRepetition(text, ruleOptions(stage))),
});
