/**
 * `stage: near-dedup`: MinHash LSH over word shingles. Unset options take the defaults documented
 * in dedup/near-dedup.ts (FineWeb's 5-word shingles, 14 bands x 8 rows; Jaccard 0.8 as Lee et al. 2022).
 */
import { z } from 'zod';
import { getPath, textOf } from '../../core/field-path.js';
import { defineStage } from '../curate-stage.js';
import { textStageFields } from '../stage-fields.js';
import { nearDuplicateClusters } from './dedup-api.js';
import { clusterOutcomes, definedOnly, keepFields } from './duplicate-clusters.js';
import { textFieldOf } from './stage-context.js';

export const nearDedupStage = defineStage({
  kind: 'near-dedup',
  schema: z
    .object({
      ...textStageFields,
      stage: z.literal('near-dedup'),
      threshold: z.number().gt(0).max(1).optional(),
      bands: z.number().int().positive().optional(),
      rows: z.number().int().positive().optional(),
      shingle_size: z.number().int().positive().optional(),
      seed: z.number().int().optional(),
      ...keepFields,
    })
    .strict(),
  async run(records, stage, context) {
    const field = textFieldOf(stage, context.config);
    const texts = records.map((r) => textOf(getPath(r.data, field)) ?? '');
    const { clusters, pairs } = await nearDuplicateClusters(
      texts,
      definedOnly({ threshold: stage.threshold, bands: stage.bands, rows: stage.rows, shingleSize: stage.shingle_size, seed: stage.seed }),
    );
    return clusterOutcomes(records, stage, 'near duplicate', { texts, clusters, pairs });
  },
});
