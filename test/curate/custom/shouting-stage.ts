/**
 * A curate stage written the way a new built-in one would be: one module with its schema and its
 * behaviour. In src/ it would be src/curate/stages/shouting-stage.ts plus one line in
 * stage-registry.ts; here the test registers it by extending CURATE_STAGES.
 */
import { z } from 'zod';
import { getPath, textOf } from '../../../src/core/field-path.js';
import { defineStage } from '../../../src/curate/curate-stage.js';
import { failed, kept } from '../../../src/curate/curation-record.js';
import { textStageFields } from '../../../src/curate/stage-fields.js';
import { perRecord } from '../../../src/curate/stages/per-record.js';
import { actionOf, textFieldOf } from '../../../src/curate/stages/stage-context.js';

export const shoutingStage = defineStage({
  kind: 'shouting',
  schema: z.object({ ...textStageFields, stage: z.literal('shouting'), max_caps_ratio: z.number().min(0).max(1) }).strict(),
  run: perRecord((stage, context) => {
    const field = textFieldOf(stage, context.config);
    return (record) => {
      const letters = (textOf(getPath(record.data, field)) ?? '').replace(/[^\p{L}]/gu, '');
      const ratio = letters.length ? letters.replace(/[^\p{Lu}]/gu, '').length / letters.length : 0;
      const signals = { caps_ratio: Math.round(ratio * 1000) / 1000 };
      return ratio > stage.max_caps_ratio ? failed(actionOf(stage), ['shouting'], { signals }) : kept(signals);
    };
  }),
});
