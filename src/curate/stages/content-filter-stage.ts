/**
 * `stage: content`: the content filter (safety/content): profanity, slurs, sexual terms and
 * harassment, with obfuscation undone, and optionally a moderation judge for what word lists miss.
 * Each flagged record gets one reason per category (`content_profanity`, `content_slur`, ...), so
 * the curation summary counts them per category, and the terms found beside them.
 */
import { z } from 'zod';
import { getPath, textOf } from '../../core/field-path.js';
import { mapConcurrent } from '../../core/map-concurrent.js';
import { judgeModeration } from '../../safety/content/judge-moderation.js';
import { CONTENT_CATEGORIES, screenContent, type ContentCategory } from '../../safety/content/screen-content.js';
import { defineStage, screeningStageIssues } from '../curate-stage.js';
import { failed, kept, type StageOutcome } from '../curation-record.js';
import { commonFields, fieldPath, modelName } from '../stage-fields.js';
import { actionOf, textFieldOf } from './stage-context.js';

export const contentStageSchema = z
  .object({
    ...commonFields,
    stage: z.literal('content'),
    field: fieldPath.optional(),
    fields: z.array(fieldPath).min(1).optional(),
    /** Categories that fail a record (default all four). */
    categories: z
      .array(z.enum(CONTENT_CATEGORIES as [ContentCategory, ...ContentCategory[]]))
      .min(1)
      .optional(),
    /** A moderation judge asked about every text the lexicons passed. */
    judge: z.object({ model: modelName, concurrency: z.number().int().positive().optional() }).strict().optional(),
  })
  .strict();

export type ContentStageConfig = z.infer<typeof contentStageSchema>;

export const contentFilterStage = defineStage({
  kind: 'content',
  schema: contentStageSchema,
  usesModels: (stage: ContentStageConfig) => stage.judge !== undefined,
  validate: (stage, { config }) => screeningStageIssues(stage, config),
  async run(records, stage, context) {
    const fields = stage.fields ?? [textFieldOf(stage, context.config)];
    const wanted = new Set<ContentCategory>(stage.categories ?? CONTENT_CATEGORIES);
    const action = actionOf(stage);
    const outcomes = await mapConcurrent(
      records,
      stage.judge?.concurrency ?? 4,
      async (record, i): Promise<StageOutcome> => {
        const found = new Map<ContentCategory, Set<string>>();
        const add = (category: ContentCategory, term: string) => {
          if (!wanted.has(category)) return;
          if (!found.has(category)) found.set(category, new Set());
          found.get(category)!.add(term);
        };
        for (const field of fields) {
          const text = textOf(getPath(record.data, field));
          if (text === undefined) continue;
          const verdict = screenContent(text, { categories: [...wanted] });
          for (const f of verdict.findings) add(f.category, f.term);
          if (verdict.flagged || !stage.judge || !context.session) continue;
          const asked = await judgeModeration(context.session, text, {
            model: stage.judge.model,
            seed: context.seed,
            signal: context.signal,
            context: { idx: i, column: context.name },
          });
          if (!asked.ok) return failed('flag', ['moderation judge reply unusable'], { detail: asked.error });
          if (asked.judgement.flagged) for (const c of asked.judgement.categories) add(c, 'judge');
        }
        const signals = Object.fromEntries(CONTENT_CATEGORIES.map((c) => [c, found.get(c)?.size ?? 0]));
        if (!found.size) return kept(signals);
        const categories = CONTENT_CATEGORIES.filter((c) => found.has(c));
        const terms = Object.fromEntries(categories.map((c) => [c, [...found.get(c)!]]));
        return failed(
          action,
          categories.map((c) => `content_${c}`),
          { detail: categories.map((c) => `${c}: ${terms[c].join(', ')}`).join('; '), signals, details: { terms } },
        );
      },
      context.signal,
    );
    return { outcomes };
  },
});
