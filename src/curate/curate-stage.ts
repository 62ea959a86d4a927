/**
 * What a curate stage is: one module holding the stage's config schema (its `stage:` literal and
 * fields, `.strict()`) beside how it runs over the records still in play. The curate config's
 * stage union is derived from the list of these in stage-registry.ts, so a new stage is one new
 * module and one line there; run-curation.ts never switches on a stage's kind.
 */
import { didYouMean } from '../core/closest-name.js';
import type { z } from 'zod';
import type { CurationRecord } from './curation-record.js';
import type { StageContext, StageResult } from './stages/stage-context.js';
import type { WeightSummary } from './weight.js';

/** The fields every stage has (see stage-fields.ts); `stage` is the discriminator. */
export interface StageConfigBase {
  stage: string;
  name?: string;
  action?: 'drop' | 'flag';
}

/** A config problem one stage finds by looking past its own fields; `path` is relative to the stage. */
export interface StageIssue {
  path: (string | number)[];
  message: string;
}

/** The parts of the curate config a stage may look at (its neighbours, the models defined). */
export interface CurateSettings {
  models: Record<string, unknown>;
  text_field?: string;
  seed?: number;
  stages: readonly StageConfigBase[];
}

export interface CurateStage<Kind extends string = string, Schema extends StageSchema<Kind> = StageSchema<Kind>> {
  /** The `stage:` value users write. */
  kind: Kind;
  /** The stage's config, `.strict()`, with `stage: z.literal(kind)`. Checks that need only the stage's own fields live here. */
  schema: Schema;
  /** Whether the stage asks models (or, for a stage whose model is optional, whether this config does): curation opens the model session only when a configured stage does. */
  usesModels?: boolean | ((stage: z.output<Schema>) => boolean);
  /** Checks that need the rest of the config (model names, other stages); run after every stage parsed. */
  validate?(stage: z.output<Schema>, at: { index: number; config: CurateSettings }): StageIssue[];
  /** Decides about each record it is shown (those not dropped earlier), in order. */
  run(records: CurationRecord[], stage: z.output<Schema>, context: StageContext): Promise<StageResult>;
  /**
   * After every stage has run, over all records: the weight stage normalizes its raw values here,
   * over the records that are exported, so a later stage's drops cannot leave the mean off 1.
   * Returning a result writes the `_weight` column.
   */
  finish?(records: CurationRecord[], stage: z.output<Schema>, name: string): { weights: WeightSummary | undefined };
}

/** A zod object schema whose output names its kind (zod's discriminated union needs objects). */
export type StageSchema<Kind extends string = string> = z.ZodObject<z.ZodRawShape> & { _zod: { output: { stage: Kind } } };

// biome-ignore lint/suspicious/noExplicitAny: a registry holds stages of every config type
export type AnyCurateStage = CurateStage<string, any>;

/** Identity, for inference: `defineStage({ kind: 'length', schema, run })` types `run`'s config from the schema. */
export function defineStage<const Kind extends string, Schema extends StageSchema<Kind>>(stage: CurateStage<Kind, Schema>): CurateStage<Kind, Schema> {
  return stage;
}

/** The issue for a model a stage names that the config does not define, or undefined when it does. */
export function unknownModelIssue(model: string, path: StageIssue['path'], config: CurateSettings): StageIssue | undefined {
  if (Object.hasOwn(config.models, model)) return undefined;
  const known = Object.keys(config.models);
  return { path, message: `unknown model '${model}'${didYouMean(model, known)}; ${known.length ? `defined: ${known.join(', ')}` : 'define it under models'}` };
}

/** Checks of a stage that screens one or more text fields with an optional judge model (content, injection). */
export function screeningStageIssues(stage: { field?: string; fields?: string[]; judge?: { model: string } }, config: CurateSettings): StageIssue[] {
  const issues: StageIssue[] = [];
  if (stage.field && stage.fields) issues.push({ path: ['fields'], message: 'set field or fields, not both' });
  const judge = stage.judge && unknownModelIssue(stage.judge.model, ['judge', 'model'], config);
  if (judge) issues.push(judge);
  return issues;
}
