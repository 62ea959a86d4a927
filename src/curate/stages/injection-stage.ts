/**
 * `stage: injection`: screens one or more text fields for prompt injection (safety/injection).
 * The heuristics decide alone unless a `judge` model is set; then the judge sees either every text
 * (`judge.on: all`) or only those the heuristics found something in but did not flag
 * (`on: uncertain`, the default: the cheap layer settles the clear cases). A flagged record gets
 * the stable reason `prompt_injection` with the categories and score beside it; `action: drop`
 * is the quarantine of issue 11: the record stays in the curation store with its reason, is left
 * out of curated.jsonl, and can be restored with `--explain`/review like any other drop.
 */
import { z } from 'zod';
import { getPath, textOf } from '../../core/field-path.js';
import { mapConcurrent } from '../../core/map-concurrent.js';
import { judgeInjection } from '../../safety/injection/judge-injection.js';
import { DEFAULT_INJECTION_THRESHOLD, screenInjection } from '../../safety/injection/screen-injection.js';
import { defineStage, screeningStageIssues } from '../curate-stage.js';
import { failed, kept, type StageOutcome } from '../curation-record.js';
import { commonFields, fieldPath, modelName } from '../stage-fields.js';
import { actionOf, textFieldOf } from './stage-context.js';

const judgeSchema = z
  .object({
    model: modelName,
    /** Which texts the judge sees: every one, or those with some heuristic signal below the threshold (default). */
    on: z.enum(['all', 'uncertain']).optional(),
    /** The judge's confidence at which it flags (default 0.5). */
    min_confidence: z.number().min(0).max(1).optional(),
    concurrency: z.number().int().positive().optional(),
  })
  .strict();

export const injectionStageSchema = z
  .object({
    ...commonFields,
    stage: z.literal('injection'),
    /** One text field (default: the config's text_field)... */
    field: fieldPath.optional(),
    /** ...or several, each screened; any flagged one flags the record. */
    fields: z.array(fieldPath).min(1).optional(),
    /** Heuristic score that flags a text (default 0.8). */
    threshold: z.number().positive().optional(),
    judge: judgeSchema.optional(),
  })
  .strict();

export type InjectionStageConfig = z.infer<typeof injectionStageSchema>;

/** Heuristic score above which, with no flag, a text counts as uncertain and goes to the judge. */
const UNCERTAIN_FROM = 0.3;

export const injectionStage = defineStage({
  kind: 'injection',
  schema: injectionStageSchema,
  usesModels: (stage: InjectionStageConfig) => stage.judge !== undefined,
  validate: (stage, { config }) => screeningStageIssues(stage, config),
  async run(records, stage, context) {
    const fields = stage.fields ?? [textFieldOf(stage, context.config)];
    const threshold = stage.threshold ?? DEFAULT_INJECTION_THRESHOLD;
    const action = actionOf(stage);
    const judge = stage.judge;
    const outcomes = await mapConcurrent(
      records,
      judge?.concurrency ?? 4,
      async (record, i): Promise<StageOutcome> => {
        let best = { score: 0, field: fields[0], categories: [] as string[], rules: [] as string[] };
        let flaggedBy: string | undefined;
        for (const field of fields) {
          const text = textOf(getPath(record.data, field));
          if (text === undefined) continue;
          const verdict = screenInjection(text, { threshold });
          if (verdict.score > best.score) best = { score: verdict.score, field, categories: verdict.categories, rules: verdict.findings.map((f) => f.rule) };
          if (verdict.flagged) {
            flaggedBy ??= 'heuristics';
            continue;
          }
          if (!judge || !context.session || (judge.on !== 'all' && verdict.score < UNCERTAIN_FROM)) continue;
          const asked = await judgeInjection(context.session, text, {
            model: judge.model,
            seed: context.seed,
            signal: context.signal,
            context: { idx: i, column: context.name },
          });
          if (!asked.ok) return failed('flag', ['injection judge reply unusable'], { detail: asked.error, signals: { score: verdict.score } });
          if (asked.judgement.injection && asked.judgement.confidence >= (judge.min_confidence ?? 0.5)) {
            flaggedBy ??= 'judge';
            best = { ...best, field, categories: [asked.judgement.category], rules: [`judge: ${asked.judgement.rationale.slice(0, 120)}`] };
          }
        }
        const signals = { score: best.score };
        const details = { field: best.field, categories: best.categories, rules: best.rules, ...(flaggedBy ? { by: flaggedBy } : {}) };
        if (!flaggedBy) return kept(signals, best.rules.length ? details : undefined);
        return failed(action, ['prompt_injection'], {
          detail: `${best.categories.join(', ')} in ${best.field} (score ${best.score}, by ${flaggedBy})`,
          signals,
          details,
        });
      },
      context.signal,
    );
    return { outcomes };
  },
});
