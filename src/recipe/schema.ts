/**
 * The recipe: what a user writes (YAML or a TypeScript object). Keys are snake_case so the YAML
 * reads naturally; the TypeScript types are inferred from these schemas, so the two cannot drift.
 * Everything is `.strict()`: a misspelt key is an error that names the path, not a silent no-op.
 */
import { z } from 'zod';
import { PERSONA_FIELD_NAMES } from '../samplers/persona-data.js';

const name = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and hold only letters, digits and _ (it is used in templates; names starting with _ are reserved for synthkit fields such as _id)');

const weights = z.array(z.number().finite().nonnegative('weights must be >= 0'));

const price = z
  .object({
    input_per_million: z.number().nonnegative(),
    output_per_million: z.number().nonnegative(),
  })
  .strict();

const modelCommon = {
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().positive().optional(),
  top_p: z.number().gt(0).max(1).optional(),
  /** Calls in flight at once for this model (local: parallel sequences in one context). */
  concurrency: z.number().int().positive().optional(),
  price: price.optional(),
};

const remoteCommon = {
  ...modelCommon,
  model: z.string().min(1),
  base_url: z.string().url().optional(),
  /** Name of the environment variable holding the key; keys never live in a recipe. */
  api_key_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
  requests_per_minute: z.number().positive().optional(),
  tokens_per_minute: z.number().positive().optional(),
  timeout_ms: z.number().int().positive().optional(),
  max_retries: z.number().int().min(0).max(20).optional(),
};

export const localModelSchema = z
  .object({
    engine: z.literal('local'),
    ...modelCommon,
    /** GGUF file. Absent: SYNTHKIT_LOCAL_MODEL, then the default model downloaded on first use. */
    path: z.string().min(1).optional(),
    threads: z.number().int().positive().optional(),
    context_size: z.number().int().min(128).optional(),
    gpu: z.boolean().optional(),
  })
  .strict();

export const openaiModelSchema = z.object({ engine: z.literal('openai'), ...remoteCommon }).strict();
export const openaiCompatibleModelSchema = z
  .object({ engine: z.literal('openai-compatible'), ...remoteCommon, base_url: z.string().url() })
  .strict();
export const anthropicModelSchema = z.object({ engine: z.literal('anthropic'), ...remoteCommon }).strict();

export const modelSchema = z.discriminatedUnion('engine', [
  localModelSchema,
  openaiModelSchema,
  openaiCompatibleModelSchema,
  anthropicModelSchema,
]);

const columnBase = {
  name,
  /** Kept for the other columns' templates but left out of the exported dataset. */
  drop: z.boolean().optional(),
};

const categoryColumn = z
  .object({ ...columnBase, kind: z.literal('category'), values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1), weights: weights.optional() })
  .strict();

const weightedValues = z.object({ values: z.array(z.string()).min(1), weights: weights.optional() }).strict();

const subcategoryColumn = z
  .object({
    ...columnBase,
    kind: z.literal('subcategory'),
    parent: name,
    values: z.record(z.string(), z.union([z.array(z.string()).min(1), weightedValues])),
  })
  .strict();

const distribution = {
  distribution: z.enum(['uniform', 'normal']).optional(),
  mean: z.number().optional(),
  std: z.number().positive().optional(),
};

const integerColumn = z
  .object({ ...columnBase, kind: z.literal('integer'), min: z.number().int(), max: z.number().int(), ...distribution })
  .strict();

const floatColumn = z
  .object({ ...columnBase, kind: z.literal('float'), min: z.number(), max: z.number(), decimals: z.number().int().min(0).max(12).optional(), ...distribution })
  .strict();

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'expected an ISO date such as 2024-01-31');
const dateColumn = z
  .object({ ...columnBase, kind: z.literal('date'), start: isoDate, end: isoDate, format: z.enum(['iso-date', 'iso-datetime']).optional() })
  .strict();

const personaColumn = z
  .object({
    ...columnBase,
    kind: z.literal('persona'),
    fields: z.array(z.enum(PERSONA_FIELD_NAMES)).min(1).optional(),
    overrides: z.partialRecord(z.enum(PERSONA_FIELD_NAMES), weightedValues).optional(),
  })
  .strict();

const expressionColumn = z
  .object({
    ...columnBase,
    kind: z.literal('expression'),
    template: z.string().min(1),
    /** The rendered text is converted to this type. */
    type: z.enum(['string', 'number', 'boolean', 'json']).optional(),
  })
  .strict();

const llmCommon = {
  ...columnBase,
  model: name,
  system: z.string().optional(),
  prompt: z.string().min(1),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().positive().optional(),
  /** Keep the reply's mean and minimum token log-probability (exported under `_logprobs`). */
  logprobs: z.boolean().optional(),
};

const llmTextColumn = z.object({ ...llmCommon, kind: z.literal('llm-text') }).strict();

const llmObjectColumn = z
  .object({ ...llmCommon, kind: z.literal('llm-object'), schema: z.record(z.string(), z.unknown()) })
  .strict();

export const columnKinds = [
  'category',
  'subcategory',
  'integer',
  'float',
  'date',
  'persona',
  'expression',
  'llm-text',
  'llm-object',
] as const;

export const columnSchema = z.discriminatedUnion('kind', [
  categoryColumn,
  subcategoryColumn,
  integerColumn,
  floatColumn,
  dateColumn,
  personaColumn,
  expressionColumn,
  llmTextColumn,
  llmObjectColumn,
]);

export const generationSchema = z
  .object({
    /** Re-asks with the validation error in the prompt before a cell is flagged. */
    max_repairs: z.number().int().min(0).max(10).optional(),
    /** Keep generating until `records` valid records exist (bounded by max_records). */
    until_valid: z.boolean().optional(),
    /** Cap on records attempted when until_valid is on (default 3 x records). */
    max_records: z.number().int().positive().optional(),
    /** Records in flight at once (default: twice the sum of the models' concurrency). */
    concurrency: z.number().int().positive().optional(),
  })
  .strict();

export const recipeSchema = z
  .object({
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    records: z.number().int().positive(),
    seed: z.number().int().optional(),
    models: z.record(name, modelSchema).default({}),
    columns: z.array(columnSchema).min(1),
    generation: generationSchema.optional(),
    /** Reuse identical model calls from the shared cache (default true). */
    cache: z.boolean().optional(),
  })
  .strict();

export type Recipe = z.infer<typeof recipeSchema>;
/** What a TypeScript user writes: defaults may be left out. */
export type RecipeInput = z.input<typeof recipeSchema>;
export type Column = z.infer<typeof columnSchema>;
export type ColumnKind = Column['kind'];
export type ModelConfig = z.infer<typeof modelSchema>;
export type LocalModelConfig = z.infer<typeof localModelSchema>;
export type LlmColumn = Extract<Column, { kind: 'llm-text' | 'llm-object' }>;

export function isLlmColumn(column: Column): column is LlmColumn {
  return column.kind === 'llm-text' || column.kind === 'llm-object';
}
