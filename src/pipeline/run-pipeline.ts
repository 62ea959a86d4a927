/**
 * The whole job for a recipe: generate its records, then run its curate: section on them, then
 * its evaluate: section (on the curated records when there are any). Each stage keeps its output
 * in the run directory, so a resumed run redoes only what is not finished.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../core/write-atomic.js';
import type { RecipeInput } from '../recipe/schema.js';
import { generateRecords, resumeRecords, RECIPE_FILE, RunDirError, type GenerateOptions } from '../generate/generate.js';
import type { RunSummary } from '../generate/events.js';
import { curate, type CurationSummary } from '../curate/run-curation.js';
import { evaluate } from '../evaluate/evaluate.js';
import { loadRecipeFile, planRecipeObject, type PipelinePlan } from './load-pipeline-recipe.js';
import { writeRunLineage } from './run-lineage.js';
import { exportRun } from './export-run.js';
import type { ExportManifest } from '../export/training/export-training.js';

export interface PipelineSummary extends RunSummary {
  /** Present when the recipe has a curate: section (outputs in <run-dir>/curated/). */
  curation?: CurationSummary;
  /** Present when the recipe has an evaluate: section (report and metrics in <run-dir>/evaluation/). */
  evaluation?: { files: string[]; failedThresholds: string[] };
  /** Present when the recipe has an export: section (training files and dataset card in <run-dir>/export/). */
  export?: ExportManifest;
}

/** Generates, curates and evaluates a dataset from a recipe file path, a recipe object, or a plan. */
export async function generate(recipe: string | RecipeInput | PipelinePlan, options: GenerateOptions): Promise<PipelineSummary> {
  const plan = typeof recipe === 'string' ? loadRecipeFile(recipe) : isPlan(recipe) ? recipe : planRecipeObject(recipe);
  const records = await generateRecords(plan, options);
  return runStages(plan, records, options);
}

/** Finishes a stopped run from its directory, then its curation and evaluation. */
export async function resume(runDir: string, options: Omit<GenerateOptions, 'out'> = {}): Promise<PipelineSummary> {
  const dir = resolve(runDir);
  const recipePath = join(dir, RECIPE_FILE);
  if (!existsSync(recipePath)) throw new RunDirError(`${dir} is not a synthkit run directory (no ${RECIPE_FILE})`);
  const plan = planRecipeObject(JSON.parse(readFileSync(recipePath, 'utf8')), recipePath);
  const records = await resumeRecords(dir, options);
  return runStages(plan, records, { ...options, out: dir });
}

function isPlan(value: RecipeInput | PipelinePlan): value is PipelinePlan {
  return 'columns' in value && 'seed' in value && 'recipe' in value;
}

async function runStages(plan: PipelinePlan, records: RunSummary, options: GenerateOptions): Promise<PipelineSummary> {
  const summary: PipelineSummary = { ...records };
  const dir = records.dir;
  const cache = options.cache ?? plan.recipe.cache;
  // Issue 11 (model collapse): which models and how deep in a synthetic family, for mix and drift.
  await writeRunLineage(plan, dir);
  if (plan.curate) {
    summary.curation = await curate(dir, plan.curate, { out: join(dir, 'curated'), signal: options.signal, cache, cacheDir: options.cacheDir });
  }
  if (plan.evaluate) {
    const input = plan.curate ? join(dir, 'curated', 'curated.jsonl') : dir;
    const { metrics, files } = await evaluate(input, plan.evaluate, {
      out: join(dir, 'evaluation'),
      signal: options.signal,
      cache,
      cacheDir: options.cacheDir,
    });
    summary.evaluation = { files, failedThresholds: metrics.thresholds.filter((t) => !t.passed).map((t) => t.message) };
  }
  if (summary.curation || summary.evaluation) await writeFileAtomic(join(dir, 'summary.json'), JSON.stringify(summary, null, 2));
  // Export last: its dataset card reads the curation and evaluation outcome written just above.
  if (plan.export) {
    summary.export = await exportRun(dir, { config: plan.export });
    await writeFileAtomic(join(dir, 'summary.json'), JSON.stringify(summary, null, 2));
  }
  return summary;
}
