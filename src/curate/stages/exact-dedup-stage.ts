/** `stage: exact-dedup`: records whose normalized text is identical (dedup/exact-dedup.ts). */
import { z } from 'zod';
import { getPath, textOf } from '../../core/field-path.js';
import { defineStage } from '../curate-stage.js';
import { textStageFields } from '../stage-fields.js';
import { exactDuplicateClusters } from './dedup-api.js';
import { clusterOutcomes, keepFields } from './duplicate-clusters.js';
import { textFieldOf } from './stage-context.js';

export const exactDedupStage = defineStage({
  kind: 'exact-dedup',
  schema: z.object({ ...textStageFields, stage: z.literal('exact-dedup'), ...keepFields }).strict(),
  async run(records, stage, context) {
    const field = textFieldOf(stage, context.config);
    const texts = records.map((r) => textOf(getPath(r.data, field)) ?? '');
    return clusterOutcomes(records, stage, 'exact duplicate', { texts, clusters: await exactDuplicateClusters(texts) });
  },
});
