/**
 * The pointwise judge stage: every record is scored against the user's rubric by each rater (each
 * judge model x each sample; samples differ by seed). Per record:
 * - a rater whose reply never parses makes the record `flagged` ("judge reply unusable"); its
 *   score is missing, never defaulted;
 * - scores are aggregated (mean, median, majority or min) into `<stage>.score`;
 * - raters that spread more than `review_spread` (default 1 scale step) flag the record for
 *   review ("low judge agreement") instead of deciding on a score nobody agrees on;
 * - otherwise a score below `min_score` gets the stage's action (drop by default).
 * Over the stage, agreement is Krippendorff's alpha (ordinal: scale steps are ordered, not
 * equally spaced; Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").
 */
import { deriveSeed } from '../../core/rng.js';
import { compileTemplate } from '../../prompting/template.js';
import { z } from 'zod';
import { defineStage } from '../curate-stage.js';
import { fieldPath } from '../stage-fields.js';
import { checkJudgeModels, judgeFields, judgeModels, rubricSchema } from './judge-config.js';
import { failed, kept, type CurationRecord, type StageOutcome } from '../curation-record.js';
import { getPath, textOf } from '../../core/field-path.js';
import { mapConcurrent } from '../../core/map-concurrent.js';
import { krippendorffAlpha } from '../stages/dedup-api.js';
import { actionOf, textFieldOf, type StageContext, type StageResult } from '../stages/stage-context.js';
import { aggregateScores, scoreSpread } from './aggregate-scores.js';
import { askJudge } from './ask-judge.js';
import { compileReplySchema, pointwiseReplySchema, RATIONALE_MAX_LENGTH } from '../../prompting/judge-reply-schema.js';
import { pointwiseMessages } from './rubric-prompt.js';

export const judgeStageSchema = z
  .object({
    ...judgeFields,
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

export type JudgeStageConfig = z.infer<typeof judgeStageSchema>;

/** `stage: judge`. */
export const judgeStage = defineStage({
  kind: 'judge',
  schema: judgeStageSchema,
  usesModels: true,
  validate: (stage, { config }) => checkJudgeModels(stage, config),
  run: (records, stage, context) => runJudgeStage(records, stage, context, context.name),
});

export const JUDGE_DEFAULTS = {
  samples: 1,
  concurrency: 4,
  aggregate: 'mean' as const,
  reviewSpread: 1,
  /** Sampling temperature when one judge is asked several times (ours): 0 would make the samples identical. */
  sampleTemperature: 0.7,
  /**
   * Output tokens of a judge call that sets no max_tokens. The reply is `{"score": n, "rationale": "..."}`
   * with a rationale of up to RATIONALE_MAX_LENGTH characters, and a small model writing inside a
   * JSON grammar spends about one token per character there, so the budget is the rationale cap
   * plus room for the braces, keys, score and escapes. Without it the judge inherited the model's
   * own max_tokens (300 for the housing example's writer) and its JSON was cut mid-rationale, an
   * unusable reply that flags the record. Set `max_tokens` on the stage to give more (a model that
   * reasons before replying needs more).
   */
  maxTokens: RATIONALE_MAX_LENGTH + 100,
};

export interface Rater {
  model: string;
  sample: number;
}

export function ratersOf(stage: { model?: string; models?: string[]; samples?: number }): Rater[] {
  const samples = stage.samples ?? JUDGE_DEFAULTS.samples;
  return judgeModels(stage).flatMap((model) => Array.from({ length: samples }, (_, sample) => ({ model, sample })));
}

type Rating = Rater & ({ score: number; rationale: string } | { error: string });

export async function runJudgeStage(records: CurationRecord[], stage: JudgeStageConfig, context: StageContext, name: string): Promise<StageResult> {
  const session = context.session;
  if (!session) throw new Error(`judge stage '${name}' needs a model session`);
  const raters = ratersOf(stage);
  const schema = pointwiseReplySchema(stage.rubric.scale);
  const validate = compileReplySchema(schema);
  const template = stage.template ? compileTemplate(stage.template) : undefined;
  const field = textFieldOf(stage, context.config);
  const temperature = stage.temperature ?? ((stage.samples ?? 1) > 1 ? JUDGE_DEFAULTS.sampleTemperature : undefined);
  const matrix: (number | null)[][] = raters.map(() => records.map(() => null));
  let done = 0;

  const outcomes = await mapConcurrent(
    records,
    stage.concurrency ?? JUDGE_DEFAULTS.concurrency,
    async (record, unit): Promise<StageOutcome> => {
      const text = template ? template.render(record.data) : textOf(getPath(record.data, field));
      if (text === undefined) return failed('flag', [`no text in field ${field}`]);
      const messages = pointwiseMessages(stage.rubric, text);
      const ratings: Rating[] = [];
      for (const [r, rater] of raters.entries()) {
        const answer = await askJudge<{ score: number; rationale: string }>({
          session,
          model: rater.model,
          messages,
          schema,
          validate,
          maxRepairs: stage.max_repairs,
          seed: deriveSeed(context.seed, name, String(record.id), rater.model, rater.sample),
          temperature,
          maxTokens: stage.max_tokens ?? JUDGE_DEFAULTS.maxTokens,
          signal: context.signal,
          stage: name,
        });
        if (answer.ok) {
          matrix[r][unit] = answer.value.score;
          ratings.push({ ...rater, score: answer.value.score, rationale: answer.value.rationale });
        } else ratings.push({ ...rater, error: answer.error });
      }
      context.onEvent?.({ type: 'stage-progress', stage: name, done: ++done, total: records.length });
      return decide(stage, ratings);
    },
    context.signal,
  );

  let alpha: number | null = null;
  if (raters.length >= 2) {
    try {
      const a = krippendorffAlpha(matrix, 'ordinal');
      alpha = Number.isFinite(a) ? Math.round(a * 1e6) / 1e6 : null;
    } catch {
      alpha = null; // too few paired ratings to compute it
    }
  }
  return { outcomes, agreement: { alpha, raters: raters.length, level: 'ordinal' } };
}

function decide(stage: JudgeStageConfig, ratings: Rating[]): StageOutcome {
  const scores = ratings.flatMap((r) => ('score' in r ? [r.score] : []));
  const errors = ratings.flatMap((r) => ('error' in r ? [`${r.model}#${r.sample}: ${r.error}`] : []));
  const details = { ratings };
  if (scores.length === 0) return failed('flag', ['judge reply unusable'], { detail: errors.join('; '), details });
  const score = aggregateScores(scores, stage.aggregate ?? JUDGE_DEFAULTS.aggregate);
  const spread = scoreSpread(scores);
  const signals = { score: Math.round(score * 1e6) / 1e6, spread, raters: scores.length };
  Object.assign(details, { score: signals.score });
  if (errors.length) return failed('flag', ['judge reply unusable'], { detail: errors.join('; '), signals, details });
  if (scores.length >= 2 && spread > (stage.review_spread ?? JUDGE_DEFAULTS.reviewSpread)) {
    return failed('flag', ['low judge agreement'], { detail: `scores ${scores.join(', ')}`, signals, details });
  }
  if (stage.min_score !== undefined && score < stage.min_score) {
    return failed(actionOf(stage), [`judge score below ${stage.min_score}`], { detail: `score ${signals.score}`, signals, details });
  }
  return kept(signals, details);
}
