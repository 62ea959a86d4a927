/**
 * Fairness top-up: after generation and curation, counts the curated records per group (the
 * quota's group columns) against the target shares of the recipe's record count; where drops left
 * a group short, asks the run for more records (new record indexes only: finished records and
 * their model calls are never redone, see generate.ts) and curates again, round by round, until
 * every group meets its target or the cap on extra records is reached. Writes
 * `<run-dir>/fairness.json` (target vs achieved per group, chi-square test, rounds).
 *
 * New indexes sample their groups as the recipe does (a joint column in `target` mode samples to
 * the quota's shares), so a round asks for enough records that the shortest group, at the
 * curation's keep rate, is expected to fill; groups already full get surplus records, which stay
 * in the dataset (nothing is deleted) and show in the report as achieved above target.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { writeFileAtomic } from '../core/write-atomic.js';
import { quotasFromJoint } from './joint-quotas.js';
import { QuotaError } from './quota-error.js';
import { measureQuotas, type QuotaReport, type QuotaSpec } from '../evaluate/metrics/fairness-quotas.js';
import type { GenerateOptions } from '../generate/generate.js';
import type { RecipeInput } from '../recipe/schema.js';
import { loadRecipeFile, planRecipeObject, type PipelinePlan } from './load-pipeline-recipe.js';
import { generate, type PipelineSummary } from './run-pipeline.js';

export { QuotaError };

export interface TopUpOptions {
  /** Group columns and target shares, or `{ joint: name }`: the recipe's joint column's dimensions and sampling. */
  quotas: QuotaSpec | { joint: string };
  /** Extra records the top-up may add in all, beyond the recipe's count; default the recipe's count. */
  maxExtra?: number;
  /** Rounds of generate + curate; default 5. */
  maxRounds?: number;
}

export interface TopUpSummary {
  pipeline: PipelineSummary;
  before: QuotaReport;
  after: QuotaReport;
  rounds: { records: number; extra: number; shortfall: number }[];
  /** Why the top-up stopped: every quota met, the cap, or the rounds ran out. */
  stopped: 'met' | 'cap' | 'rounds';
  file: string;
}

export async function generateWithTopUp(recipe: string | RecipeInput | PipelinePlan, options: GenerateOptions, topUp: TopUpOptions): Promise<TopUpSummary> {
  const plan =
    typeof recipe === 'string'
      ? loadRecipeFile(recipe)
      : 'seed' in recipe && 'columns' in recipe && 'recipe' in recipe
        ? (recipe as PipelinePlan)
        : planRecipeObject(recipe as RecipeInput);
  const wanted = options.records ?? plan.recipe.records;
  const maxExtra = topUp.maxExtra ?? wanted;
  const maxRounds = topUp.maxRounds ?? 5;
  const quotas = 'joint' in topUp.quotas ? quotasFromJoint(plan.recipe, topUp.quotas.joint) : topUp.quotas;
  let pipeline = await generate(plan, options);
  const measure = () => measureQuotas(readCurated(pipeline), quotas, wanted);
  const before = measure();
  let report = before;
  let total = pipeline.records ?? wanted;
  const rounds: TopUpSummary['rounds'] = [];
  let stopped: TopUpSummary['stopped'] = 'met';
  for (let round = 0; !report.met; round++) {
    if (round >= maxRounds) {
      stopped = 'rounds';
      break;
    }
    const used = total - wanted;
    if (used >= maxExtra) {
      stopped = 'cap';
      break;
    }
    const extra = Math.min(maxExtra - used, extraNeeded(report, keepRate(pipeline, total)));
    total += extra;
    pipeline = await generate(plan, { ...options, records: total });
    report = measure();
    rounds.push({ records: total, extra, shortfall: report.groups.reduce((a, g) => a + g.shortfall, 0) });
  }
  const file = join(pipeline.dir, 'fairness.json');
  await writeFileAtomic(file, `${JSON.stringify({ before, after: report, rounds, stopped, maxExtra }, null, 1)}\n`);
  return { pipeline, before, after: report, rounds, stopped, file };
}

/** Records to ask for so the worst-off group is expected to fill: shortfall / (its share x keep rate). */
function extraNeeded(report: QuotaReport, keep: number): number {
  let needed = 1;
  for (const g of report.groups) {
    if (g.shortfall === 0) continue;
    if (g.targetShare === 0) continue;
    needed = Math.max(needed, Math.ceil(g.shortfall / (g.targetShare * Math.max(keep, 0.05))));
  }
  return needed;
}

function keepRate(pipeline: PipelineSummary, total: number): number {
  const curation = pipeline.curation;
  if (!curation) return 1;
  return (curation.kept + curation.flagged) / Math.max(1, total);
}

/** The records that survive: curated.jsonl when the recipe curates, else the dataset. */
function readCurated(pipeline: PipelineSummary): Record<string, unknown>[] {
  const file = pipeline.curation ? join(pipeline.dir, 'curated', 'curated.jsonl') : join(pipeline.dir, 'dataset.jsonl');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new QuotaError(`top-up: ${file} is missing; the run did not write its records`);
  }
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const quotaFileSchema = z
  .object({
    /** A joint column of the recipe: its dimensions are the groups, its sampling the target. */
    joint: z.string().min(1).optional(),
    /** Group columns (field paths). */
    columns: z.array(z.string().min(1)).min(1).optional(),
    /** Share per group key ("f|18-29"); default equal shares over the groups seen. */
    target: z.record(z.string(), z.number().nonnegative()).optional(),
    /** Extra records the top-up may add (default: the recipe's count). */
    max_extra: z.number().int().min(0).optional(),
    max_rounds: z.number().int().min(1).optional(),
  })
  .strict();

/** Reads a quotas YAML/JSON file (`columns`, `target`, `max_extra`, `max_rounds`) into top-up options. */
export function loadQuotaFile(file: string): TopUpOptions {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new QuotaError(`cannot read quotas file ${file}: ${(error as Error).message}`);
  }
  const parsed = quotaFileSchema.safeParse(raw);
  if (!parsed.success) throw new QuotaError(`quotas file ${file} is not valid:\n${z.prettifyError(parsed.error)}`);
  const { joint, columns, target, max_extra, max_rounds } = parsed.data;
  if ((joint === undefined) === (columns === undefined))
    throw new QuotaError(`quotas file ${file}: give either joint (a joint column of the recipe) or columns (group fields, with an optional target)`);
  if (joint !== undefined && target !== undefined)
    throw new QuotaError(`quotas file ${file}: target comes from the joint column '${joint}'; remove target, or name columns instead of joint`);
  return { quotas: joint !== undefined ? { joint } : { columns: columns!, target }, maxExtra: max_extra, maxRounds: max_rounds };
}
