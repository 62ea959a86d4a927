/**
 * The recipe: what a user writes (YAML or a TypeScript object). Keys are snake_case so the YAML
 * reads naturally; the TypeScript types are inferred from these schemas, so the two cannot drift.
 * Everything is `.strict()`: a misspelt key is an error that names the path, not a silent no-op.
 */
import { z } from 'zod';
import { PERSONA_FIELD_NAMES } from '../samplers/persona-data.js';
import { DIVERSITY_DIMENSION_NAMES } from '../samplers/diversity-data.js';
import { modelSchema } from '../models/model-config.js';

export { modelSchema };
export type { ModelConfig, LocalModelConfig } from '../models/model-config.js';

const name = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and hold only letters, digits and _ (it is used in templates; names starting with _ are reserved for synthkit fields such as _id)');

const weights = z.array(z.number().finite().nonnegative('weights must be >= 0'));

const columnBase = {
  name,
  /** Kept for the other columns' templates but left out of the exported dataset. */
  drop: z.boolean().optional(),
};

const categoryColumn = z
  .object({
    ...columnBase,
    kind: z.literal('category'),
    /** The values; or leave out and name a built-in list with `builtin`. */
    values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1).optional(),
    builtin: z.enum(DIVERSITY_DIMENSION_NAMES).optional(),
    weights: weights.optional(),
  })
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

const jointColumn = z
  .object({
    ...columnBase,
    kind: z.literal('joint'),
    /** Each dimension: `builtin` (audience, style, tone, length) or its own values. */
    dimensions: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), z.union([z.literal('builtin'), weightedValues])),
    /** stratified: balanced over the cross product; independent: each dimension by its weights; target: the given shares. */
    mode: z.enum(['stratified', 'independent', 'target']).optional(),
    /** For mode target: share per combination, keyed "value1|value2" in dimension order. */
    target: z.record(z.string(), z.number().nonnegative()).optional(),
  })
  .strict();

const topicTreeColumn = z
  .object({
    ...columnBase,
    kind: z.literal('topic-tree'),
    model: name,
    root: z.string().min(1),
    depth: z.number().int().min(1).max(4),
    breadth: z.number().int().min(2).max(20),
    /** Extra guidance for the expansion prompt (audience, domain, what to avoid). */
    instructions: z.string().optional(),
  })
  .strict();

/** A knowledge base: a folder made by `synthkit ingest`, or a folder of documents ingested into the run directory. */
const kbPath = z.string().min(1);

const documentChunkColumn = z
  .object({
    ...columnBase,
    kind: z.literal('document-chunk'),
    kb: kbPath,
    /** single: one chunk per record; pair: a chunk and a related one from elsewhere (multi-hop). */
    mode: z.enum(['single', 'pair']).optional(),
  })
  .strict();

const conceptsColumn = z
  .object({
    ...columnBase,
    kind: z.literal('concepts'),
    kb: kbPath,
    min: z.number().int().min(1).max(8).optional(),
    max: z.number().int().min(1).max(8).optional(),
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

const fewShot = z
  .object({
    /** JSONL or CSV file of examples (relative to the recipe file). */
    file: z.string().min(1),
    k: z.number().int().min(1).max(50),
    strategy: z.enum(['random', 'stratified', 'round-robin', 'similar']).optional(),
    /** For stratified: the field shared by examples and records (e.g. category). */
    stratify_by: z.string().optional(),
    /** For similar: the record's columns compared with the examples. */
    similar_fields: z.array(z.string()).optional(),
    /** Example fields shown in the prompt (default: all). */
    fields: z.array(z.string()).optional(),
    /** Replies this similar to an example (word 3-gram containment/Jaccard) are asked again, then flagged. */
    copy_threshold: z.number().gt(0).max(1).optional(),
  })
  .strict();

const retrieve = z
  .object({
    kb: kbPath,
    /** Search query, a template over the record's columns. */
    query: z.string().min(1),
    top_k: z.number().int().min(1).max(20).optional(),
    /** Passages scoring below this score are not used; with none left, the cell is flagged without a model call. */
    min_score: z.number().nonnegative().optional(),
    /** BM25 and embedding rankings fused (reciprocal rank fusion); needs a knowledge base ingested with --embed. */
    hybrid: z.boolean().optional(),
  })
  .strict();

const llmCommon = {
  ...columnBase,
  model: name,
  system: z.string().optional(),
  prompt: z.string().min(1),
  few_shot: fewShot.optional(),
  /** Ground the reply in passages retrieved from a knowledge base; the record keeps their ids and offsets. */
  retrieve: retrieve.optional(),
  /** Ask for step-by-step reasoning before the answer; models that reason natively keep theirs. */
  reasoning: z.boolean().optional(),
  /** Export the reasoning as `<name>_reasoning` (default true when reasoning is on). */
  keep_reasoning: z.boolean().optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().positive().optional(),
  /** Keep the reply's mean and minimum token log-probability (exported under `_logprobs`). */
  logprobs: z.boolean().optional(),
};

const llmTextColumn = z.object({ ...llmCommon, kind: z.literal('llm-text') }).strict();

const llmObjectColumn = z
  .object({ ...llmCommon, kind: z.literal('llm-object'), schema: z.record(z.string(), z.unknown()) })
  .strict();

const llmConversationColumn = z
  .object({
    ...columnBase,
    kind: z.literal('llm-conversation'),
    model: name,
    /** What the conversation is about (template). */
    scenario: z.string().min(1),
    /** Who the user is and what they want (template); the model plays this side too. */
    user: z.string().min(1),
    /** Who the assistant is (template). */
    assistant: z.string().min(1),
    /** User/assistant exchanges. */
    turns: z.number().int().min(1).max(20),
    temperature: z.number().min(0).max(2).optional(),
    max_tokens: z.number().int().positive().optional(),
  })
  .strict();

export const columnKinds = [
  'category',
  'subcategory',
  'integer',
  'float',
  'date',
  'persona',
  'joint',
  'document-chunk',
  'concepts',
  'expression',
  'topic-tree',
  'llm-text',
  'llm-object',
  'llm-conversation',
] as const;

export const columnSchema = z.discriminatedUnion('kind', [
  categoryColumn,
  subcategoryColumn,
  integerColumn,
  floatColumn,
  dateColumn,
  personaColumn,
  jointColumn,
  documentChunkColumn,
  conceptsColumn,
  expressionColumn,
  topicTreeColumn,
  llmTextColumn,
  llmObjectColumn,
  llmConversationColumn,
]);

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
    /** Curation run on the finished dataset: the same config `synthkit curate --with` reads (validated at plan time). */
    curate: z.unknown().optional(),
    /** Evaluation run last (on the curated records when there is a curate: section); its fail_on thresholds fail the run. */
    evaluate: z.unknown().optional(),
  })
  .strict();

export type Recipe = z.infer<typeof recipeSchema>;
/** What a TypeScript user writes: defaults may be left out. */
export type RecipeInput = z.input<typeof recipeSchema>;
export type Column = z.infer<typeof columnSchema>;
export type ColumnKind = Column['kind'];
export type LlmColumn = Extract<Column, { kind: 'llm-text' | 'llm-object' | 'llm-conversation' }>;
export type PromptColumn = Extract<Column, { kind: 'llm-text' | 'llm-object' }>;

/** Columns filled per record by model calls (a topic tree calls models once per run, not per record). */
export function isLlmColumn(column: Column): column is LlmColumn {
  return column.kind === 'llm-text' || column.kind === 'llm-object' || column.kind === 'llm-conversation';
}

/** Columns whose calls go to a model (per record or, for topic trees, once per run). */
export function modelOf(column: Column): string | undefined {
  return 'model' in column ? column.model : undefined;
}

/** Knowledge bases a column reads. */
export function kbOf(column: Column): string | undefined {
  if (column.kind === 'document-chunk' || column.kind === 'concepts') return column.kb;
  if (column.kind === 'llm-text' || column.kind === 'llm-object') return column.retrieve?.kb;
  return undefined;
}
