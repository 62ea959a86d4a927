/**
 * Decontamination against a user-given evaluation set: a record sharing a word n-gram with any
 * evaluation text gets the stage's action (drop by default). Default n = 13, GPT-3's
 * (Brown et al. 2020, appendix C); see dedup/decontaminate.ts.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { StageConfig } from '../config-schema.js';
import { failed, kept, type CurationRecord } from '../curation-record.js';
import { getPath, textOf } from '../../core/field-path.js';
import { contaminatedIndexes } from './dedup-api.js';
import { actionOf, textFieldOf, type StageContext, type StageResult } from './stage-context.js';

type DecontaminateStage = Extract<StageConfig, { stage: 'decontaminate' }>;

export async function runDecontaminateStage(records: CurationRecord[], stage: DecontaminateStage, context: StageContext): Promise<StageResult> {
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
}

/** JSONL: the field of each object; any other file: one text per non-blank line. */
export function readEvalTexts(file: string, field: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`decontaminate: cannot read eval_file ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const lines = text.split(/\r?\n/u).filter((l) => l.trim() !== '');
  if (!/\.jsonl$/iu.test(file)) return lines;
  return lines.flatMap((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`decontaminate: ${file}:${i + 1} is not a JSON line`);
    }
    const t = textOf(getPath(value, field));
    return t === undefined ? [] : [t];
  });
}
