/**
 * `stage: semantic-dedup`: cosine similarity over embeddings read from a field, or made by an
 * embedder from the text (default threshold 0.9, see dedup/semantic-dedup.ts). Records without a
 * vector are left out of clustering and flagged: the stage could not check them.
 */
import { z } from 'zod';
import { getPath, textOf } from '../../core/field-path.js';
import { embedAll } from '../../models/embedders.js';
import { defineStage } from '../curate-stage.js';
import { fieldPath, textStageFields } from '../stage-fields.js';
import { semanticDuplicateClusters } from './dedup-api.js';
import { clusterOutcomes, definedOnly, keepFields } from './duplicate-clusters.js';
import { textFieldOf } from './stage-context.js';

export const semanticDedupStage = defineStage({
  kind: 'semantic-dedup',
  schema: z
    .object({
      ...textStageFields,
      stage: z.literal('semantic-dedup'),
      /** A record field holding each record's embedding; or leave out and give `embed`. */
      embedding_field: fieldPath.optional(),
      /** Embed the stage's text field with this embedder (local:/path/model.gguf or openai:<model>[@<base_url>]). */
      embed: z.string().min(1).optional(),
      threshold: z.number().gt(0).max(1).optional(),
      ...keepFields,
    })
    .strict()
    .superRefine((stage, ctx) => {
      if (!stage.embedding_field === !stage.embed) {
        ctx.addIssue({
          code: 'custom',
          path: ['embed'],
          message: 'give either embedding_field (vectors in the records) or embed (an embedder spec such as local:/path/model.gguf)',
        });
      }
    }),
  async run(records, stage, context) {
    const field = textFieldOf(stage, context.config);
    const texts = records.map((r) => textOf(getPath(r.data, field)) ?? '');
    const present: number[] = [];
    const vectors: number[][] = [];
    const unchecked = new Map<number, string>();
    const embedded = stage.embedding_field ? undefined : await embedAll(stage.embed!, texts);
    records.forEach((r, i) => {
      const v = embedded ? embedded[i] : getPath(r.data, stage.embedding_field!);
      if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        present.push(i);
        vectors.push(v as number[]);
      } else unchecked.set(i, `no embedding in ${stage.embedding_field || field}`);
    });
    const result = semanticDuplicateClusters(vectors, definedOnly({ threshold: stage.threshold }));
    return clusterOutcomes(records, stage, 'semantic duplicate', {
      texts,
      clusters: result.clusters.map((c) => c.map((j) => present[j])),
      pairs: result.pairs.map((p) => ({ a: present[p.a], b: present[p.b], similarity: p.similarity })),
      unchecked,
    });
  },
});
