/**
 * What the two prompt kinds (llm-text, llm-object) share: their fields (model, prompt templates,
 * few-shot examples, retrieval, reasoning, sampling settings), how those are planned, and the hooks
 * that follow from them (the model called, the knowledge base searched, the example file, the kept
 * reasoning exported as `<name>_reasoning`, and the record-level `_logprobs`, `_few_shot` and
 * `_sources`). Each kind's own module adds what differs.
 */
import { z } from 'zod';
import { columnNameSchema, type CellContext, type ExportedField, type PlanContext, type PlannedColumn, type RecordExtra } from './column-kind.js';
import { fillLlmCell } from './fill-llm-cell.js';
import { loadExamples, type Example } from '../prompting/few-shot/load-examples.js';
import { createExampleSelector, type ExampleSelector } from '../prompting/few-shot/select-examples.js';
import { deriveSeed } from '../core/rng.js';
import { injectionGuardSchema } from '../safety/injection/guard-config.js';
import type { ValidateFunction } from 'ajv';
import type { CellRow } from '../store/run-store.js';
import type { LlmTextColumn } from './llm-text.js';
import type { LlmObjectColumn } from './llm-object.js';

export type PromptColumn = LlmTextColumn | LlmObjectColumn;

const fewShotSchema = z
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

const retrieveSchema = z
  .object({
    /** A knowledge base made by `synthkit ingest`, or a folder of documents ingested into the run directory. */
    kb: z.string().min(1),
    /** Search query, a template over the record's columns. */
    query: z.string().min(1),
    top_k: z.number().int().min(1).max(20).optional(),
    /** Passages scoring below this score are not used; with none left, the cell is flagged without a model call. */
    min_score: z.number().nonnegative().optional(),
    /** BM25 and embedding rankings fused (reciprocal rank fusion); needs a knowledge base ingested with --embed. */
    hybrid: z.boolean().optional(),
  })
  .strict();

export const promptShape = {
  model: columnNameSchema,
  system: z.string().optional(),
  prompt: z.string().min(1),
  few_shot: fewShotSchema.optional(),
  /** Ground the reply in passages retrieved from a knowledge base; the record keeps their ids and offsets. */
  retrieve: retrieveSchema.optional(),
  /** Ask for step-by-step reasoning before the answer; models that reason natively keep theirs. */
  reasoning: z.boolean().optional(),
  /** Export the reasoning as `<name>_reasoning` (default true when reasoning is on). */
  keep_reasoning: z.boolean().optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().positive().optional(),
  /** Keep the reply's mean and minimum token log-probability (exported under `_logprobs`). */
  logprobs: z.boolean().optional(),
  /** Values from data (model replies, documents, files) are fenced as data in the prompt; false renders them bare. */
  fence_data: z.boolean().optional(),
  /** This column's injection guard, over the recipe's `safety.injection`. */
  injection: injectionGuardSchema.optional(),
};

export interface PromptState {
  /** Few-shot examples and the per-record selector, loaded at plan time so a bad file fails first. */
  fewShot?: { examples: Example[]; selector: ExampleSelector };
  /** Reply validators of an llm-object column (the second for replies wrapped with their reasoning). */
  validate?: ValidateFunction;
  validateWithReasoning?: ValidateFunction;
}

/** Templates, the few-shot file and its selector, and the columns the selector reads. */
export function planPrompt(column: PromptColumn, ctx: PlanContext): PromptState {
  ctx.template('system', column.system);
  ctx.template('prompt', column.prompt);
  if (column.retrieve) ctx.template('query', column.retrieve.query, ['retrieve', 'query']);
  const spec = column.few_shot;
  if (!spec) return {};
  for (const ref of [spec.stratify_by, ...(spec.similar_fields ?? [])]) if (ref) ctx.dependOn(ref);
  try {
    const examples = loadExamples(spec.file, { k: spec.k });
    const selector = createExampleSelector(examples, {
      k: spec.k,
      strategy: spec.strategy ?? 'random',
      stratifyBy: spec.stratify_by,
      similarFields: spec.similar_fields,
      seed: deriveSeed(ctx.seed, column.name, 'few-shot'),
    });
    return { fewShot: { examples, selector } };
  } catch (error) {
    ctx.issue(['few_shot'], (error as Error).message);
    return {};
  }
}

/** The hooks both prompt kinds have. */
export function promptHooks<C extends PromptColumn>() {
  return {
    // Model replies are data to a later prompt, not the recipe author's words.
    untrusted: true,
    fill: (planned: PlannedColumn<C, PromptState>, ctx: CellContext): Promise<CellRow> => fillLlmCell(planned, ctx.idx, ctx.scope, ctx.run),
    models: (column: C) => [column.model],
    knowledgeBases: (column: C) => (column.retrieve ? [{ path: column.retrieve.kb, field: ['retrieve', 'kb'], hybrid: column.retrieve.hybrid }] : []),
    resolvePaths: (column: C, resolve: (path: string) => string): C => ({
      ...column,
      ...(column.few_shot ? { few_shot: { ...column.few_shot, file: resolve(column.few_shot.file) } } : {}),
      ...(column.retrieve ? { retrieve: { ...column.retrieve, kb: resolve(column.retrieve.kb) } } : {}),
    }),
    // The value, then its reasoning when the column keeps it apart from the answer.
    exported(column: C) {
      const fields: ExportedField[] = [{ name: column.name, read: (data) => data[column.name] }];
      if (column.reasoning && column.keep_reasoning !== false) {
        fields.push({ name: `${column.name}_reasoning`, read: (data) => (data._reasoning as Record<string, unknown> | undefined)?.[column.name] ?? null });
      }
      const extras: RecordExtra[] = [];
      if (column.logprobs) extras.push('_logprobs');
      if (column.few_shot) extras.push('_few_shot');
      if (column.retrieve) extras.push('_sources');
      if (column.injection) extras.push('_safety');
      return { fields, extras };
    },
    reservedNames: (column: C) => (column.reasoning ? [{ name: `${column.name}_reasoning`, what: "another column's kept reasoning" }] : []),
  };
}
