/** Loads an example recipe for the real-model tier: fewer records, one thread, the real model. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { planRecipeObject, type PipelinePlan } from '../../src/pipeline/load-pipeline-recipe.js';
import { ROOT } from '../support/paths.js';
import { realModelPath } from './fetch-real-model.js';

/** llama.cpp threads per engine: more than one oversubscribes a shared 2-core machine (see the report). */
export const REAL_THREADS = Number(process.env.SYNTHKIT_REAL_THREADS ?? 1);

export function exampleRecipe(file: string, records: number, extra: Record<string, unknown> = {}): PipelinePlan {
  const path = join(ROOT, 'examples', file);
  const recipe = parse(readFileSync(path, 'utf8')) as Record<string, unknown> & { models: Record<string, Record<string, unknown>> };
  for (const model of Object.values(recipe.models)) {
    if (model.engine === 'local') Object.assign(model, { path: realModelPath(), threads: REAL_THREADS });
  }
  return planRecipeObject({ ...recipe, records, ...extra }, path, dirname(path));
}
