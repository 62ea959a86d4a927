/**
 * The recipe: what a user writes (YAML or a TypeScript object). Keys are snake_case so the YAML
 * reads naturally; the TypeScript types are inferred from these schemas, so the two cannot drift.
 * Everything is `.strict()`: a misspelt key is an error that names the path, not a silent no-op.
 *
 * The column schema is derived from the column-kind registry (src/columns/registry.ts): each kind's
 * module holds its own fields, and this file holds only what belongs to the recipe as a whole.
 */
import { z } from 'zod';
import { modelSchema } from '../models/model-config.js';
import { safetySchema } from '../safety/injection/guard-config.js';
import { columnNameSchema } from '../columns/column-kind.js';
import { builtinColumnKinds, type Column, type ColumnInput } from '../columns/registry.js';
import type { ColumnRegistry } from '../columns/create-column-registry.js';

export { modelSchema };
export type { ModelConfig, LocalModelConfig } from '../models/model-config.js';
export type { Column, ColumnInput };

/** The built-in kinds, in the order error messages list them. */
export const columnKinds = builtinColumnKinds.names;

export const columnSchema = builtinColumnKinds.columnSchema;

export const generationSchema = z
  .object({
    /** Re-asks with the validation error in the prompt before a cell is flagged. */
    max_repairs: z.number().int().min(0).max(10).optional(),
    /** Keep generating until `records` valid records exist (bounded by max_records). */
    until_valid: z.boolean().optional(),
    /** Cap on records attempted when until_valid is on (default 3 x records). */
    max_records: z.number().int().positive().optional(),
    /** Stop cleanly (resumable) before spending would pass this many dollars; needs a price for each paid model. */
    max_cost: z.number().positive().optional(),
    /** Records in flight at once (default: twice the sum of the models' concurrency; batch_size in batch mode). */
    concurrency: z.number().int().positive().optional(),
    /** `batch`: OpenAI and Anthropic models go through their batch APIs (half price, results in minutes to hours). Default interactive. */
    mode: z.enum(['interactive', 'batch']).optional(),
    /** Requests per provider batch (default 10,000). */
    batch_size: z.number().int().positive().max(50_000).optional(),
    /** Seconds between checks of a running batch (default 30). */
    batch_poll_seconds: z.number().positive().optional(),
    /** Seconds an open batch waits for more requests before it is sent (default 1). */
    batch_idle_seconds: z.number().positive().optional(),
    /** Stop early (resumable) when more than this share of the last stop_window model calls failed (default 0.5; 1 never stops). */
    stop_error_rate: z.number().gt(0).max(1).optional(),
    /** Calls the error rate is judged over (default 100). */
    stop_window: z.number().int().min(1).optional(),
  })
  .strict();

/** The recipe schema over a registry's columns (the built-in one below; a library user's own for extra kinds). */
export function createRecipeSchema<C, I>(kinds: ColumnRegistry<C, I>) {
  return z
    .object({
      name: z.string().min(1).optional(),
      description: z.string().optional(),
      records: z.number().int().positive(),
      seed: z.number().int().optional(),
      models: z.record(columnNameSchema, modelSchema).default({}),
      columns: z.array(kinds.columnSchema).min(1),
      generation: generationSchema.optional(),
      /** Risk controls during generation: the prompt-injection guard on prompt columns' inputs and outputs. */
      safety: safetySchema.optional(),
      /** Reuse identical model calls from the shared cache (default true). */
      cache: z.boolean().optional(),
      /** Curation run on the finished dataset: the same config `synthkit curate --with` reads (validated at plan time by the pipeline). */
      curate: z.unknown().optional(),
      /** Evaluation run last (on the curated records when there is a curate: section); its fail_on thresholds fail the run. */
      evaluate: z.unknown().optional(),
      /** Training export written last: the same config `synthkit export --with` reads (validated at plan time by the pipeline). */
      export: z.unknown().optional(),
    })
    .strict();
}

export const recipeSchema = createRecipeSchema(builtinColumnKinds);

export type Recipe = z.infer<typeof recipeSchema>;
/** What a TypeScript user writes: defaults may be left out. */
export type RecipeInput = z.input<typeof recipeSchema>;
/** A recipe whose columns come from another registry (a library user's own kinds among them). */
export type RecipeWith<C> = Omit<Recipe, 'columns'> & { columns: C[] };

/** The model a column calls (per record, or once per run for a topic tree), if any. */
export function modelOf(column: Column): string | undefined {
  return builtinColumnKinds.modelsOf(column)[0];
}
