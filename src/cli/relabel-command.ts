import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { relabelRun } from '../review/relabel.js';
import { learnFromReviews } from '../review/active-learning.js';
import { ReviewError } from '../review/review-error.js';
import { openModels } from '../store/open-models.js';
import type { ModelConfig } from '../models/model-config.js';
import { EXIT, runCommand } from './run-command.js';

export interface RelabelCommandOptions {
  column: string;
  with?: string;
  reviewBudget?: string;
  fromReviews?: boolean;
  localModel?: string;
  cache: boolean;
  concurrency: string;
}

export function relabelCommand(): Command {
  return new Command('relabel')
    .description('label a column again with an auxiliary model (label + confidence per record), pick records for review, or learn from reviews')
    .argument('<run-dir>', 'run directory')
    .requiredOption('--column <label>', 'the label column to check')
    .option('--with <model>', "a model of the run's recipe (models: section) to relabel with")
    .option('--review-budget <n>', 'pick the N records whose review is worth most (uncertainty sampling)')
    .option('--from-reviews', 'after people reviewed the picks: train a cheap classifier on their labels and relabel the rest')
    .option('--local-model <file.gguf>', 'run local models on this GGUF file')
    .option('--concurrency <n>', 'model calls in flight', '4')
    .option('--no-cache', 'do not use the shared cross-run call cache')
    .action((runDir: string, opts: RelabelCommandOptions) => runCommand((signal) => runRelabel(runDir, opts, signal)));
}

async function runRelabel(runDir: string, opts: RelabelCommandOptions, signal: AbortSignal): Promise<number> {
  if (opts.fromReviews) {
    const r = await learnFromReviews(runDir, { column: opts.column });
    const accuracy = Number.isNaN(r.heldOutAccuracy)
      ? 'not estimated (fewer than 5 reviewed records)'
      : `${(r.heldOutAccuracy * 100).toFixed(1)}% on ${r.heldOut} held-out reviews`;
    process.stdout.write(
      `classifier trained on ${r.trainedOn} reviewed records (${r.reviewed} in all); held-out accuracy: ${accuracy}\nrelabelled ${r.relabelled} unreviewed records: ${r.changed} labels changed (stored as auxiliary labels, source "classifier")\n`,
    );
    return EXIT.ok;
  }
  if (!opts.with) throw new ReviewError('relabel: name the auxiliary model with --with <model> (or train on reviews with --from-reviews)');
  const recipeFile = join(runDir, 'recipe.json');
  if (!existsSync(recipeFile)) throw new ReviewError(`${runDir} has no recipe.json; relabel works on a run directory made by synthkit generate`);
  const models = (JSON.parse(readFileSync(recipeFile, 'utf8')) as { models?: Record<string, ModelConfig> }).models ?? {};
  if (!Object.hasOwn(models, opts.with)) {
    throw new ReviewError(
      `--with ${opts.with}: the run's recipe has no such model (it has: ${Object.keys(models).join(', ') || 'none'}); add it under models: and resume, or pick one of these`,
    );
  }
  const budget = opts.reviewBudget === undefined ? undefined : Number(opts.reviewBudget);
  if (budget !== undefined && !(Number.isInteger(budget) && budget > 0))
    throw new ReviewError(`--review-budget ${opts.reviewBudget}: give a whole number of records above 0`);
  const session = await openModels({ [opts.with]: models[opts.with] }, runDir, {
    file: 'relabel.sqlite',
    cache: opts.cache ? undefined : false,
    localModel: opts.localModel,
  });
  try {
    const r = await relabelRun(runDir, {
      column: opts.column,
      model: opts.with,
      caller: session,
      reviewBudget: budget,
      concurrency: Number(opts.concurrency) || 4,
      signal,
    });
    process.stdout.write(
      `relabelled ${r.labelled} of ${r.records} records with ${opts.with}${r.failed ? ` (${r.failed} replies unusable)` : ''}: ${r.disagreements} disagree with ${opts.column}, ${r.lowConfidence} below confidence 0.8\n`,
    );
    if (r.picks.length) {
      process.stdout.write(`review these ${r.picks.length} first (most uncertain; the studio's queue shows them first):\n`);
      for (const p of r.picks) process.stdout.write(`  ${p.runIdx}\t${p.score}\t${p.reasons.join('; ')}\n`);
    }
    for (const u of session.usage()) process.stdout.write(`  ${u.model}: ${u.calls} calls, ${u.inputTokens}+${u.outputTokens} tokens\n`);
    return EXIT.ok;
  } finally {
    await session.close();
  }
}
