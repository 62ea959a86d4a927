/**
 * `stage: near-dedup`: shingle sets, LSH candidates, exact Jaccard verification and a split of each
 * group around representatives (dedup/near-dedup.ts). Shingles adapt to the texts' lengths when
 * unset (dedup/near-dedup-settings.ts); every dropped record carries the exact similarity to the
 * record kept in its place.
 */
import { z } from 'zod';
import { getPath, textOf } from '../../core/field-path.js';
import { defineStage } from '../curate-stage.js';
import { representativeOrder } from '../dedup/choose-representative.js';
import { splitClusters } from '../dedup/near-dedup.js';
import { chooseShingles } from '../dedup/near-dedup-settings.js';
import { compileExpression } from '../safe-expression.js';
import { expressionScope } from '../curation-record.js';
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
      /** word (FineWeb) or char n-grams; unset: chosen from the texts' lengths. */
      shingle: z.enum(['word', 'char']).optional(),
      shingle_size: z.number().int().positive().optional(),
      seed: z.number().int().optional(),
      /** Worker threads for sketching large sets (default 1). */
      workers: z.number().int().min(1).max(256).optional(),
      ...keepFields,
    })
    .strict(),
  async run(records, stage, context) {
    const field = textFieldOf(stage, context.config);
    const texts = records.map((r) => textOf(getPath(r.data, field)) ?? '');
    const shingles = chooseShingles(texts, { unit: stage.shingle, size: stage.shingle_size });
    const { clusters, pairs } = await nearDuplicateClusters(
      texts,
      definedOnly({
        threshold: stage.threshold,
        bands: stage.bands,
        rows: stage.rows,
        shingleUnit: shingles.unit,
        shingleSize: shingles.size,
        seed: stage.seed,
        workers: stage.workers,
      }),
    );
    const policy = stage.keep ?? 'first';
    const score = policy === 'best-score' ? compileExpression(stage.score ?? 'judge.score') : undefined;
    const scores = score ? records.map((r) => score.evaluate(expressionScope(r)) as number) : undefined;
    const groups = splitClusters(clusters, pairs, representativeOrder(policy, { texts, scores }));
    return clusterOutcomes(records, stage, 'near duplicate', { texts, clusters, pairs, groups });
  },
});
