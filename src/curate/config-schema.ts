/**
 * The curation config: what a user writes in curate.yaml (or a recipe's `curate:` section, or a
 * TypeScript object). A list of stages run in order; every stage is `.strict()`, so an unknown
 * stage or a misspelt field fails up front with its path, as the recipe does.
 *
 * Each stage may set `action`: what a failing record gets, `drop` (default for rules and dedup)
 * or `flag` (kept in curated.jsonl, marked for human review). Each stage's signals are stored
 * under its `name` (default: the stage kind with '-' as '_', e.g. `near_dedup`), which is also the
 * name formulas use (`judge.score`, `near_dedup.cluster_size`).
 */
import { z } from 'zod';
import { modelSchema } from '../models/model-config.js';
import { compileExpression } from './safe-expression.js';
import { splitPath } from '../core/field-path.js';

const modelName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a model name defined under models');
const stageName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must start with a letter or _ and hold only letters, digits and _ (formulas use it)');
const fieldPath = z.string().min(1).superRefine((value, ctx) => {
  try {
    splitPath(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});
const expression = z.string().min(1).superRefine((value, ctx) => {
  try {
    compileExpression(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `expression does not parse: ${(error as Error).message}` });
  }
});
const regexSource = z.string().superRefine((value, ctx) => {
  try {
    new RegExp(value, 'u');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(error as Error).message}` });
  }
});
const fraction = z.number().min(0).max(1);
const count = z.number().int().min(0);
const action = z.enum(['drop', 'flag']);
const keepPolicy = z.enum(['first', 'longest', 'best-score']);

const common = {
  name: stageName.optional(),
  action: action.optional(),
};
/** Stages that read one text: the field (a path) or, by default, the config's text_field. */
const textStage = { ...common, field: fieldPath.optional() };

const lengthStage = z
  .object({
    ...textStage,
    stage: z.literal('length'),
    min_chars: count.optional(),
    max_chars: count.optional(),
    min_words: count.optional(),
    max_words: count.optional(),
    min_tokens: count.optional(),
    max_tokens: count.optional(),
  })
  .strict();

const gopherQualityStage = z
  .object({
    ...textStage,
    stage: z.literal('gopher-quality'),
    min_words: count.optional(),
    max_words: count.optional(),
    min_mean_word_length: z.number().min(0).optional(),
    max_mean_word_length: z.number().min(0).optional(),
    max_symbol_word_ratio: z.number().min(0).optional(),
    max_bullet_lines_ratio: fraction.optional(),
    max_ellipsis_lines_ratio: fraction.optional(),
    min_alpha_words_ratio: fraction.optional(),
    min_stop_words: count.optional(),
    stop_words: z.array(z.string().min(1)).optional(),
  })
  .strict();

const ngramThresholds = z.array(z.tuple([z.number().int().min(1).max(50), fraction]));
const gopherRepetitionStage = z
  .object({
    ...textStage,
    stage: z.literal('gopher-repetition'),
    max_duplicate_line_fraction: fraction.optional(),
    max_duplicate_paragraph_fraction: fraction.optional(),
    max_duplicate_line_char_fraction: fraction.optional(),
    max_duplicate_paragraph_char_fraction: fraction.optional(),
    top_ngrams: ngramThresholds.optional(),
    duplicate_ngrams: ngramThresholds.optional(),
  })
  .strict();

const c4Stage = z
  .object({
    ...textStage,
    stage: z.literal('c4'),
    min_words_per_line: count.optional(),
    min_sentences: count.optional(),
    max_word_length: z.number().int().positive().optional(),
    filter_lorem_ipsum: z.boolean().optional(),
    filter_curly_bracket: z.boolean().optional(),
    filter_javascript: z.boolean().optional(),
    filter_policy: z.boolean().optional(),
  })
  .strict();

const finewebStage = z
  .object({
    ...textStage,
    stage: z.literal('fineweb'),
    min_line_punctuation_ratio: fraction.optional(),
    max_short_line_ratio: z.number().min(0).optional(),
    short_line_length: count.optional(),
    max_duplicate_line_char_ratio: z.number().min(0).optional(),
    max_newline_word_ratio: z.number().min(0).optional(),
  })
  .strict();

const languageStage = z
  .object({
    ...textStage,
    stage: z.literal('language'),
    languages: z.array(z.string().regex(/^[a-z]{2}$/, 'expected an ISO 639-1 code such as en')).min(1),
    min_confidence: fraction.optional(),
    min_chars: count.optional(),
  })
  .strict();

const regexStage = z
  .object({
    ...textStage,
    stage: z.literal('regex'),
    must_match: z.array(regexSource).optional(),
    must_not_match: z.array(regexSource).optional(),
    ignore_case: z.boolean().optional(),
  })
  .strict();

const jsonSchemaStage = z
  .object({ ...common, stage: z.literal('json-schema'), field: fieldPath, schema: z.record(z.string(), z.unknown()) })
  .strict();

const requiredStage = z
  .object({
    ...common,
    stage: z.literal('required'),
    fields: z.array(fieldPath).min(1),
    /** Whether an empty string or empty list counts as missing (default true). */
    non_empty: z.boolean().optional(),
  })
  .strict();

const expressionStage = z
  .object({ ...common, stage: z.literal('expression'), rule: expression, reason: z.string().min(1).max(200) })
  .strict();

const confidenceStage = z
  .object({
    ...common,
    stage: z.literal('confidence'),
    /** A numeric field, e.g. `_logprobs.feedback.mean` (mean token log-probability of that LLM cell). */
    field: fieldPath,
    min: z.number().optional(),
    max: z.number().optional(),
    /** What a record without the field gets (default keep: not every engine gives log-probabilities). */
    if_missing: z.enum(['keep', 'flag', 'drop']).optional(),
  })
  .strict()
  .refine((s) => s.min !== undefined || s.max !== undefined, { message: 'set min or max (or both)' });

const exactDedupStage = z.object({ ...textStage, stage: z.literal('exact-dedup'), keep: keepPolicy.optional(), score: fieldPath.optional() }).strict();

const nearDedupStage = z
  .object({
    ...textStage,
    stage: z.literal('near-dedup'),
    threshold: z.number().gt(0).max(1).optional(),
    bands: z.number().int().positive().optional(),
    rows: z.number().int().positive().optional(),
    shingle_size: z.number().int().positive().optional(),
    seed: z.number().int().optional(),
    keep: keepPolicy.optional(),
    /** Field path (or stage signal such as judge.score) for keep: best-score. */
    score: fieldPath.optional(),
  })
  .strict();

const semanticDedupStage = z
  .object({
    ...textStage,
    stage: z.literal('semantic-dedup'),
    /** A record field holding each record's embedding; or leave out and give `embed`. */
    embedding_field: fieldPath.optional(),
    /** Embed the stage's text field with this embedder (local:/path/model.gguf or openai:<model>[@<base_url>]). */
    embed: z.string().min(1).optional(),
    threshold: z.number().gt(0).max(1).optional(),
    keep: keepPolicy.optional(),
    score: fieldPath.optional(),
  })
  .strict();

const decontaminateStage = z
  .object({
    ...textStage,
    stage: z.literal('decontaminate'),
    /** JSONL (texts from eval_field) or plain text (one text per line); relative to the config file. */
    eval_file: z.string().min(1),
    eval_field: fieldPath.optional(),
    n: z.number().int().min(1).max(50).optional(),
  })
  .strict();

const scaleValue = z.number().int();
const rubricSchema = z
  .object({
    criteria: z.string().min(1),
    scale: z.array(scaleValue).min(2).refine((s) => new Set(s).size === s.length, 'scale values must be distinct'),
    /** What each scale value means, keyed by the value ("1": "off-topic ..."). */
    levels: z.record(z.string(), z.string().min(1)).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    for (const key of Object.keys(r.levels ?? {})) {
      if (!r.scale.includes(Number(key))) ctx.addIssue({ code: 'custom', path: ['levels', key], message: `level ${key} is not on the scale [${r.scale.join(', ')}]` });
    }
  });

const judgeCommon = {
  ...common,
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

const judgeStage = z
  .object({
    ...judgeCommon,
    stage: z.literal('judge'),
    field: fieldPath.optional(),
    /** A Liquid template over the record shown to the judge instead of one field. */
    template: z.string().min(1).optional(),
    rubric: rubricSchema,
    aggregate: z.enum(['mean', 'median', 'majority', 'min']).optional(),
    min_score: z.number().optional(),
    /** Flag for review when the raters' scores spread more than this (default 1). */
    review_spread: z.number().min(0).optional(),
  })
  .strict();

const pairwiseStage = z
  .object({
    ...judgeCommon,
    stage: z.literal('pairwise-judge'),
    field_a: fieldPath,
    field_b: fieldPath,
    /** Shown to the judge as context (e.g. the prompt both answers reply to). */
    context_field: fieldPath.optional(),
    rubric: z.object({ criteria: z.string().min(1) }).strict(),
    /** What a tie (including an order-inconsistent verdict) gets (default flag). */
    on_tie: z.enum(['keep', 'flag', 'drop']).optional(),
  })
  .strict();

const weightStage = z
  .object({
    ...common,
    stage: z.literal('weight'),
    formula: expression,
    min: z.number().min(0).optional(),
    max: z.number().positive().optional(),
  })
  .strict()
  .refine((s) => (s.min ?? 0) <= 1 && 1 <= (s.max ?? Number.POSITIVE_INFINITY), { message: 'min must be <= 1 <= max (weights have mean 1)' });

export const stageKinds = [
  'length',
  'gopher-quality',
  'gopher-repetition',
  'c4',
  'fineweb',
  'language',
  'regex',
  'json-schema',
  'required',
  'expression',
  'confidence',
  'exact-dedup',
  'near-dedup',
  'semantic-dedup',
  'decontaminate',
  'judge',
  'pairwise-judge',
  'weight',
] as const;

export const stageSchema = z.discriminatedUnion('stage', [
  lengthStage,
  gopherQualityStage,
  gopherRepetitionStage,
  c4Stage,
  finewebStage,
  languageStage,
  regexStage,
  jsonSchemaStage,
  requiredStage,
  expressionStage,
  confidenceStage,
  exactDedupStage,
  nearDedupStage,
  semanticDedupStage,
  decontaminateStage,
  judgeStage,
  pairwiseStage,
  weightStage,
]);

export const curateConfigSchema = z
  .object({
    models: z.record(modelName, modelSchema).default({}),
    /** The field the text stages read when a stage sets no `field` (default "text"). */
    text_field: fieldPath.optional(),
    /** Seed for everything random in curation (judge sampling seeds, MinHash). */
    seed: z.number().int().optional(),
    stages: z.array(stageSchema).min(1),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    const weights = config.stages.flatMap((s, i) => (s.stage === 'weight' ? [i] : []));
    for (const i of weights.slice(1)) {
      ctx.addIssue({ code: 'custom', path: ['stages', i, 'stage'], message: `only one weight stage is allowed (stages[${weights[0]}] is one); combine the formulas` });
    }
    config.stages.forEach((stage, i) => {
      const name = stageNameOf(stage);
      if (seen.has(name)) {
        ctx.addIssue({ code: 'custom', path: ['stages', i, 'name'], message: `stage name '${name}' is already used by stages[${seen.get(name)}]; give one of them a distinct name` });
      } else seen.set(name, i);
      if (stage.stage === 'semantic-dedup' && !stage.embedding_field === !stage.embed) {
        ctx.addIssue({ code: 'custom', path: ['stages', i, 'embed'], message: 'give either embedding_field (vectors in the records) or embed (an embedder spec such as local:/path/model.gguf)' });
      }
      if (stage.stage === 'judge' || stage.stage === 'pairwise-judge') {
        const models = judgeModels(stage);
        if (models.length === 0) ctx.addIssue({ code: 'custom', path: ['stages', i, 'model'], message: 'set model (or models) to a model defined under models' });
        if (stage.model && stage.models) ctx.addIssue({ code: 'custom', path: ['stages', i, 'models'], message: 'set model or models, not both' });
        models.forEach((m, j) => {
          if (!Object.hasOwn(config.models, m)) {
            const path = stage.models ? ['stages', i, 'models', j] : ['stages', i, 'model'];
            const known = Object.keys(config.models);
            ctx.addIssue({ code: 'custom', path, message: `unknown model '${m}'; ${known.length ? `defined: ${known.join(', ')}` : 'define it under models'}` });
          }
        });
      }
    });
  });

export type CurateConfig = z.infer<typeof curateConfigSchema>;
export type CurateConfigInput = z.input<typeof curateConfigSchema>;
export type StageConfig = z.infer<typeof stageSchema>;
export type StageKind = StageConfig['stage'];
export type JudgeStageConfig = z.infer<typeof judgeStage>;
export type PairwiseStageConfig = z.infer<typeof pairwiseStage>;
export type Rubric = z.infer<typeof rubricSchema>;

export function stageNameOf(stage: StageConfig): string {
  return stage.name ?? stage.stage.replace(/-/g, '_');
}

export function judgeModels(stage: JudgeStageConfig | PairwiseStageConfig): string[] {
  return stage.models ?? (stage.model ? [stage.model] : []);
}
