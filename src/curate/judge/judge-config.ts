/**
 * The config fields both judge stages (pointwise and pairwise) share, and the check that their
 * models are defined under `models`: a judge with no model, or a misspelt one, fails when the
 * config loads, not after the records before it were curated.
 */
import { z } from 'zod';
import { type CurateSettings, type StageIssue, unknownModelIssue } from '../curate-stage.js';
import { commonFields, modelName } from '../stage-fields.js';

export const rubricSchema = z
  .object({
    criteria: z.string().min(1),
    scale: z
      .array(z.number().int())
      .min(2)
      .refine((s) => new Set(s).size === s.length, 'scale values must be distinct'),
    /** What each scale value means, keyed by the value ("1": "off-topic ..."). */
    levels: z.record(z.string(), z.string().min(1)).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    for (const key of Object.keys(r.levels ?? {})) {
      if (!r.scale.includes(Number(key)))
        ctx.addIssue({ code: 'custom', path: ['levels', key], message: `level ${key} is not on the scale [${r.scale.join(', ')}]` });
    }
  });

export type Rubric = z.infer<typeof rubricSchema>;

export const judgeFields = {
  ...commonFields,
  model: modelName.optional(),
  models: z.array(modelName).min(1).optional(),
  /** Samples per judge model, each with its own seed (an ensemble of one model). */
  samples: z.number().int().min(1).max(20).optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().positive().optional(),
  /** Content repairs: re-asks after a reply that does not parse, with the error, before the record is flagged. Default 2. */
  max_repairs: z.number().int().min(0).max(10).optional(),
  /** Records judged at once. */
  concurrency: z.number().int().positive().max(64).optional(),
};

export function judgeModels(stage: { model?: string; models?: string[] }): string[] {
  return stage.models ?? (stage.model ? [stage.model] : []);
}

export function checkJudgeModels(stage: { model?: string; models?: string[] }, config: CurateSettings): StageIssue[] {
  const issues: StageIssue[] = [];
  const models = judgeModels(stage);
  if (models.length === 0) issues.push({ path: ['model'], message: 'set model (or models) to a model defined under models' });
  if (stage.model && stage.models) issues.push({ path: ['models'], message: 'set model or models, not both' });
  models.forEach((m, j) => {
    const issue = unknownModelIssue(m, stage.models ? ['models', j] : ['model'], config);
    if (issue) issues.push(issue);
  });
  return issues;
}
