/**
 * The evaluation config: what a user writes in evaluate.yaml (or a recipe's `evaluate:` section,
 * or a TypeScript object). Every section is optional and `.strict()`, so a misspelt field fails up
 * front with its path. An empty config `{}` evaluates diversity, coverage and PII of the text
 * columns found in the data.
 */
import { z } from 'zod';
import { modelSchema } from '../models/model-config.js';
import { PII_TYPES } from '../safety/pii/types.js';
import { fieldPathProblem } from '../core/field-path.js';

const modelName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a model name defined under models');
/** A dotted field path into a record ("persona.region", "_signals.judge.score"). */
const fieldPath = z
  .string()
  .min(1)
  .regex(/^[^.]+(\.[^.]+)*$/, 'expected a dotted field path such as persona.region')
  .superRefine((path, ctx) => {
    const problem = fieldPathProblem(path);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const positiveInt = z.number().int().positive();

const coverageColumn = z.union([
  fieldPath,
  z
    .object({
      field: fieldPath,
      /** Target share per value (relative weights; normalised). */
      target: z.record(z.string(), z.number().nonnegative()).optional(),
    })
    .strict(),
]);

const llmCheck = {
  model: modelName,
  /** Records checked (a seeded sample); LLM checks cost money, so they are capped. */
  max_records: positiveInt.optional(),
  concurrency: z.number().int().positive().max(64).optional(),
  /** Content repairs after a reply that does not parse; default 2 (models/defaults.ts). */
  max_repairs: z.number().int().min(0).max(10).optional(),
  max_tokens: positiveInt.optional(),
};

export const evaluateConfigSchema = z
  .object({
    models: z.record(modelName, modelSchema).default({}),
    /** Text columns to measure; default: string fields (not `_`-prefixed, not ids) averaging >= 5 words. */
    columns: z.array(fieldPath).min(1).optional(),
    seed: z.number().int().optional(),
    diversity: z
      .object({
        /** Self-BLEU hypotheses scored (seeded sample); default 500 (Texygen's fast mode). */
        self_bleu_sample: positiveInt.optional(),
        /** Texts kept per column for Self-BLEU references (seeded reservoir); default 2,000. */
        self_bleu_references: positiveInt.optional(),
        /** Repeated n-grams listed per column; default 20. */
        top_ngrams: positiveInt.optional(),
        /** N-gram length of the repeated-phrase list; default 3. */
        ngram: z.number().int().min(1).max(8).optional(),
        /** A record field holding an embedding (number array), e.g. `_embedding.feedback`. */
        embedding_field: fieldPath.optional(),
        /** Or embed the first text column's sampled texts with this embedder (local:/path/model.gguf, openai:<model>[@<base_url>]). */
        embed: z.string().min(1).optional(),
        /** Embeddings kept (seeded reservoir) for Vendi and nearest-neighbour; default 5,000. */
        embedding_sample: positiveInt.optional(),
      })
      .strict()
      .optional(),
    coverage: z
      .object({
        /** Sampled attribute columns; default (run directory): the recipe's sampler columns. */
        columns: z.array(coverageColumn).optional(),
        /** Cross products whose missing combinations are listed, e.g. [[service, sentiment]]. */
        combinations: z.array(z.array(fieldPath).min(2).max(4)).optional(),
        /** The pair drawn as a heat map; default the first two-column combination. */
        heatmap: z.tuple([fieldPath, fieldPath]).optional(),
      })
      .strict()
      .optional(),
    bias: z
      .object({
        groups: z.array(fieldPath).min(1),
        /**
         * Signals compared across groups: a numeric field path (`_signals.judge.score`),
         * `length:FIELD` (words), `chars:FIELD`, or `share:FIELD=VALUE` (1 when equal, else 0).
         */
        signals: z.array(z.string().min(1)).min(1),
        min_group_size: positiveInt.optional(),
      })
      .strict()
      .optional(),
    /** Field holding the judge score for the score histogram; default `_signals.judge.score`. */
    judge_score_field: fieldPath.optional(),
    factualness: z
      .object({
        ...llmCheck,
        /** The answer text whose claims are checked. */
        field: fieldPath,
        /** The record's passages: a list of strings or of {text}. */
        sources_field: fieldPath,
      })
      .strict()
      .optional(),
    consistency: z
      .object({
        ...llmCheck,
        field: fieldPath,
        /** Candidate pairs checked; default 100. */
        max_pairs: positiveInt.optional(),
      })
      .strict()
      .optional(),
    privacy: z
      .object({
        /** Fields scanned for PII; default the text columns. */
        pii_columns: z.array(fieldPath).optional(),
        pii_types: z.array(z.enum(PII_TYPES)).min(1).optional(),
        /** Spans below this confidence are not counted; default 0.5. */
        min_confidence: z.number().min(0).max(1).optional(),
        examples_per_type: z.number().int().min(0).max(100).optional(),
        /** Private real data (JSONL, or text lines) checked for leakage; `--reference` overrides. */
        reference: z.string().min(1).optional(),
        /** Field of the reference records holding the text; default the first text column's name. */
        reference_field: fieldPath.optional(),
        /** Synthetic column compared with the reference; default the first text column. */
        leakage_column: fieldPath.optional(),
        canaries: z.array(z.string().min(4)).optional(),
        /** A file (e.g. the seed file) whose planted canary strings ("canary-7f3a-quartz-lumen") are checked. */
        canaries_from: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    relevance: z
      .object({
        text_field: fieldPath,
        label_field: fieldPath,
        /** Labelled real test file (JSONL); `--test` overrides. */
        test_file: z.string().min(1).optional(),
        /** Labelled real training file for the real-trained baseline. */
        train_file: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    fail_on: z
      .array(
        z
          .object({ metric: z.string().min(1), min: z.number().optional(), max: z.number().optional() })
          .strict()
          .refine((t) => t.min !== undefined || t.max !== undefined, { message: 'set min or max (or both)' }),
      )
      .optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    for (const key of ['factualness', 'consistency'] as const) {
      const model = config[key]?.model;
      if (model !== undefined && !Object.hasOwn(config.models, model)) {
        const known = Object.keys(config.models);
        ctx.addIssue({ code: 'custom', path: [key, 'model'], message: `unknown model '${model}'; ${known.length ? `defined: ${known.join(', ')}` : 'define it under models'}` });
      }
    }
    for (const [i, signal] of (config.bias?.signals ?? []).entries()) {
      const error = signalError(signal);
      if (error) ctx.addIssue({ code: 'custom', path: ['bias', 'signals', i], message: error });
    }
  });

function signalError(signal: string): string | undefined {
  if (signal.startsWith('share:')) return /^share:[^=]+=.*$/.test(signal) ? undefined : 'expected share:FIELD=VALUE, e.g. share:sentiment=negative';
  if (signal.startsWith('length:') || signal.startsWith('chars:')) return signal.split(':')[1] ? undefined : `expected ${signal.split(':')[0]}:FIELD`;
  return undefined;
}

export type EvaluateConfig = z.infer<typeof evaluateConfigSchema>;
export type EvaluateConfigInput = z.input<typeof evaluateConfigSchema>;
