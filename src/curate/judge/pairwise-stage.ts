/**
 * The pairwise judge stage: for each record, which of two fields (two answers to one prompt)
 * better meets the criteria. Every rater judges both orders (see pairwise-verdict.ts); a rater
 * whose two verdicts disagree counts as a tie, and the raters' majority decides. Signals:
 * `preference` (1: field_a wins, -1: field_b wins, 0: tie), `votes_a`, `votes_b`, `inconsistent`.
 * A tie gets `on_tie` (default flag: a preference pair without a preference needs a look).
 */
import { deriveSeed } from '../../core/rng.js';
import { z } from 'zod';
import { defineStage } from '../curate-stage.js';
import { fieldPath } from '../stage-fields.js';
import { checkJudgeModels, judgeFields } from './judge-config.js';
import { failed, kept, type CurationRecord, type StageOutcome } from '../curation-record.js';
import { getPath, textOf } from '../../core/field-path.js';
import { mapConcurrent } from '../../core/map-concurrent.js';
import type { StageContext, StageResult } from '../stages/stage-context.js';
import { askJudge } from './ask-judge.js';
import { JUDGE_DEFAULTS, ratersOf } from './judge-stage.js';
import { combineOrders, majorityWinner, type Verdict, type Winner } from './pairwise-verdict.js';
import { compileReplySchema, pairwiseReplySchema } from '../../prompting/judge-reply-schema.js';
import { pairwiseMessages } from './rubric-prompt.js';

export const pairwiseStageSchema = z
  .object({
    ...judgeFields,
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

export type PairwiseStageConfig = z.infer<typeof pairwiseStageSchema>;

/** `stage: pairwise-judge`. */
export const pairwiseStage = defineStage({
  kind: 'pairwise-judge',
  schema: pairwiseStageSchema,
  usesModels: true,
  validate: (stage, { config }) => checkJudgeModels(stage, config),
  run: (records, stage, context) => runPairwiseStage(records, stage, context, context.name),
});

export async function runPairwiseStage(records: CurationRecord[], stage: PairwiseStageConfig, context: StageContext, name: string): Promise<StageResult> {
  const session = context.session;
  if (!session) throw new Error(`pairwise judge stage '${name}' needs a model session`);
  const raters = ratersOf(stage);
  const schema = pairwiseReplySchema();
  const validate = compileReplySchema(schema);
  const temperature = stage.temperature ?? ((stage.samples ?? 1) > 1 ? JUDGE_DEFAULTS.sampleTemperature : undefined);
  let done = 0;

  const outcomes = await mapConcurrent(
    records,
    stage.concurrency ?? JUDGE_DEFAULTS.concurrency,
    async (record): Promise<StageOutcome> => {
      const a = textOf(getPath(record.data, stage.field_a));
      const b = textOf(getPath(record.data, stage.field_b));
      if (a === undefined || b === undefined) return failed('flag', [`no text in field ${a === undefined ? stage.field_a : stage.field_b}`]);
      const context_ = stage.context_field ? textOf(getPath(record.data, stage.context_field)) : undefined;
      const winners: Winner[] = [];
      const verdicts: Record<string, unknown>[] = [];
      const errors: string[] = [];
      let inconsistent = 0;
      for (const rater of raters) {
        const ask = (order: 'ab' | 'ba') =>
          askJudge<{ winner: Verdict; rationale: string }>({
            session,
            model: rater.model,
            messages: order === 'ab' ? pairwiseMessages(stage.rubric.criteria, a, b, context_) : pairwiseMessages(stage.rubric.criteria, b, a, context_),
            schema,
            validate,
            maxRepairs: stage.max_repairs,
            seed: deriveSeed(context.seed, name, String(record.id), rater.model, rater.sample, order),
            temperature,
            maxTokens: stage.max_tokens ?? JUDGE_DEFAULTS.maxTokens,
            signal: context.signal,
            stage: name,
          });
        const inOrder = await ask('ab');
        const swapped = await ask('ba');
        if (!inOrder.ok || !swapped.ok) {
          errors.push(`${rater.model}#${rater.sample}: ${!inOrder.ok ? inOrder.error : !swapped.ok ? swapped.error : ''}`);
          continue;
        }
        const { winner, consistent } = combineOrders(inOrder.value.winner, swapped.value.winner);
        if (!consistent) inconsistent++;
        winners.push(winner);
        verdicts.push({ ...rater, in_order: inOrder.value.winner, swapped: swapped.value.winner, winner, rationale: inOrder.value.rationale });
      }
      context.onEvent?.({ type: 'stage-progress', stage: name, done: ++done, total: records.length });
      if (errors.length) return failed('flag', ['judge reply unusable'], { detail: errors.join('; '), details: { verdicts } });
      const winner = majorityWinner(winners);
      const signals = {
        preference: winner === 'a' ? 1 : winner === 'b' ? -1 : 0,
        votes_a: winners.filter((w) => w === 'a').length,
        votes_b: winners.filter((w) => w === 'b').length,
        inconsistent,
      };
      const details = { winner, verdicts };
      if (winner !== 'tie') return kept(signals, details);
      const onTie = stage.on_tie ?? 'flag';
      const reason = inconsistent === winners.length ? 'inconsistent pairwise verdicts (position bias)' : 'pairwise tie';
      return onTie === 'keep' ? { decision: 'kept', reasons: [], signals, details } : failed(onTie, [reason], { signals, details });
    },
    context.signal,
  );
  return { outcomes };
}
