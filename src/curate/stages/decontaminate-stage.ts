/**
 * `stage: decontaminate`: decontamination against a user-given evaluation set: a record sharing a
 * word n-gram with any evaluation text gets the stage's action (drop by default). Default n = 13,
 * GPT-3's (Brown et al. 2020, appendix C); see dedup/decontaminate.ts.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { getPath, textOf } from '../../core/field-path.js';
import { DatasetError } from '../../store/read-dataset.js';
import { defineStage } from '../curate-stage.js';
import { failed, kept } from '../curation-record.js';
import { fieldPath, textStageFields } from '../stage-fields.js';
import { contaminatedIndexes } from './dedup-api.js';
import { actionOf, textFieldOf } from './stage-context.js';

export const decontaminateStage = defineStage({
  kind: 'decontaminate',
  schema: z
    .object({
      ...textStageFields,
      stage: z.literal('decontaminate'),
      /** JSONL (texts from eval_field) or plain text (one text per line); relative to the config file. */
      eval_file: z.string().min(1),
      eval_field: fieldPath.optional(),
      n: z.number().int().min(1).max(50).optional(),
    })
    .strict(),
  async run(records, stage, context) {
    const field = textFieldOf(stage, context.config);
    const evalTexts = readEvalTexts(isAbsolute(stage.eval_file) ? stage.eval_file : resolve(context.configDir, stage.eval_file), stage.eval_field ?? field);
    const texts = records.map((r) => textOf(getPath(r.data, field)) ?? '');
    const hits = contaminatedIndexes(texts, evalTexts, stage.n === undefined ? {} : { n: stage.n });
    const action = actionOf(stage);
    return {
      outcomes: records.map((_, i) => {
        const hit = hits.get(i);
        return hit ? failed(action, ['overlaps the evaluation set'], { detail: `eval text ${hit.evalIndex}: "${hit.ngram}"` }) : kept();
      }),
    };
  },
});

/** JSONL: the field of each object; any other file: one text per non-blank line. */
export function readEvalTexts(file: string, field: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DatasetError(`decontaminate: cannot read eval_file ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const lines = text.split(/\r?\n/u).filter((l) => l.trim() !== '');
  if (!/\.jsonl$/iu.test(file)) return lines;
  return lines.flatMap((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new DatasetError(`decontaminate: ${file}:${i + 1} is not a JSON line`);
    }
    const t = textOf(getPath(value, field));
    return t === undefined ? [] : [t];
  });
}
