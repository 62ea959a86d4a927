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
    /** Records in flight at once (default: twice the sum of the models' concurrency). */
    concurrency: z.number().int().positive().optional(),
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
      /** Reuse identical model calls from the shared cache (default true). */
      cache: z.boolean().optional(),
      /** Curation run on the finished dataset: the same config `synthkit curate --with` reads (validated at plan time by the pipeline). */
      curate: z.unknown().optional(),
      /** Evaluation run last (on the curated records when there is a curate: section); its fail_on thresholds fail the run. */
      evaluate: z.unknown().optional(),
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
