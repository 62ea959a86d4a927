/**
 * The curation config: what a user writes in curate.yaml (or a recipe's `curate:` section, or a
 * TypeScript object). A list of stages run in order. Each stage's schema lives in its own module
 * and the union here is derived from the registry (stage-registry.ts); every stage is
 * `.strict()`, so an unknown stage or a misspelt field fails up front with its path, as the
 * recipe does. What the config checks across stages (unique names, and each stage's `validate`,
 * e.g. judge models defined under `models`) runs once every stage has parsed.
 */
import { z } from 'zod';
import { modelSchema } from '../models/model-config.js';
import type { AnyCurateStage } from './curate-stage.js';
import { fieldPath, modelName } from './stage-fields.js';
import { CURATE_STAGES } from './stage-registry.js';

/** The stage schemas of a registry, as the tuple zod's discriminated union takes. */
type SchemasOf<R extends readonly AnyCurateStage[]> = { -readonly [K in keyof R]: R[K]['schema'] };

/** The curate config schema for a list of stages (CURATE_STAGES, or it with a library user's own). */
export function curateConfigSchemaFor<const R extends readonly [AnyCurateStage, ...AnyCurateStage[]]>(stages: R) {
  const stage = z.discriminatedUnion('stage', stages.map((s) => s.schema) as unknown as SchemasOf<R>);
  return z
    .object({
      models: z.record(modelName, modelSchema).default({}),
      /** The field the text stages read when a stage sets no `field` (default "text"). */
      text_field: fieldPath.optional(),
      /** Seed for everything random in curation (judge sampling seeds, MinHash). */
      seed: z.number().int().optional(),
      stages: z.array(stage).min(1),
    })
    .strict()
    .superRefine((config, ctx) => {
      const seen = new Map<string, number>();
      const stageList = config.stages as { stage: string; name?: string }[];
      stageList.forEach((entry, i) => {
        const name = stageNameOf(entry);
        if (seen.has(name)) {
          ctx.addIssue({
            code: 'custom',
            path: ['stages', i, 'name'],
            message: `stage name '${name}' is already used by stages[${seen.get(name)}]; give one of them a distinct name`,
          });
        } else seen.set(name, i);
        const settings = { models: config.models, text_field: config.text_field, seed: config.seed, stages: stageList };
        // A stage whose kind did not parse has been reported already; there is nothing more to check.
        for (const issue of stages.find((s) => s.kind === entry.stage)?.validate?.(entry, { index: i, config: settings }) ?? []) {
          ctx.addIssue({ code: 'custom', path: ['stages', i, ...issue.path], message: issue.message });
        }
      });
    });
}

export const curateConfigSchema = curateConfigSchemaFor(CURATE_STAGES);
/** Every stage kind, in registry order (what an unknown `stage:` error lists). */
export const stageKinds = CURATE_STAGES.map((s) => s.kind);

export type CurateConfig = z.infer<typeof curateConfigSchema>;
export type CurateConfigInput = z.input<typeof curateConfigSchema>;
export type StageConfig = CurateConfig['stages'][number];
/** A config object for a list of stages with a library user's own (the default list gives CurateConfigInput). */
export type CurateConfigInputFor<R extends readonly AnyCurateStage[]> = Omit<CurateConfigInput, 'stages'> & { stages: z.input<R[number]['schema']>[] };
export type StageKind = StageConfig['stage'];
export type { JudgeStageConfig } from './judge/judge-stage.js';
export type { PairwiseStageConfig } from './judge/pairwise-stage.js';
export { judgeModels, type Rubric } from './judge/judge-config.js';

/** A stage's name: where its signals are stored and what formulas call them (default: the kind with '-' as '_'). */
export function stageNameOf(stage: { stage: string; name?: string }): string {
  return stage.name ?? stage.stage.replace(/-/g, '_');
}
