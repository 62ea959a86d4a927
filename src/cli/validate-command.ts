import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { loadRecipeFile, type PipelinePlan } from '../pipeline/load-pipeline-recipe.js';
import { modelOf } from '../recipe/schema.js';
import type { ModelConfig } from '../models/model-config.js';
import { defaultModelUri } from '../models/default-model.js';
import { cachedModelPath } from '../models/model-cache.js';
import { EXIT, runCommand } from './run-command.js';

export function validateCommand(): Command {
  return new Command('validate')
    .description('check a recipe without calling any model; prints the column order and whether each model it uses is available')
    .argument('<recipe>', 'recipe YAML file')
    .option('--strict', 'exit 1 when a model is not available (a missing file or API key)')
    .action((file: string, opts: { strict?: boolean }) =>
      runCommand(async () => {
        const plan = loadRecipeFile(file);
        process.stdout.write(`${file}: valid; ${plan.recipe.records} records, columns in order: ${plan.columns.map((c) => c.column.name).join(' -> ')}\n`);
        const checks = checkModels(plan);
        for (const c of checks) {
          if (c.ok) process.stdout.write(`model '${c.model}' (${c.engine}): ${c.message}\n`);
          else process.stderr.write(`warning: model '${c.model}' (${c.engine}): ${c.message}\n`);
        }
        return opts.strict && checks.some((c) => !c.ok) ? EXIT.failed : EXIT.ok;
      }),
    );
}

export interface ModelCheck {
  model: string;
  engine: ModelConfig['engine'];
  /** False when the model cannot run here as things are: a missing file or key, or a default model still to download. */
  ok: boolean;
  message: string;
}

const DEFAULT_KEY_ENV = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY' } as const;

/**
 * Whether each model the plan uses can run here, without loading or calling it: a local model's
 * GGUF file exists (from the recipe, SYNTHKIT_LOCAL_MODEL, or the cached default download), a
 * remote model's API key variable is set. Nothing is contacted: reachability needs a call.
 */
export function checkModels(plan: PipelinePlan, env: NodeJS.ProcessEnv = process.env): ModelCheck[] {
  const models: Record<string, ModelConfig> = { ...plan.curate?.models, ...plan.evaluate?.models, ...plan.recipe.models };
  return [...usedModels(plan)].filter((name) => models[name]).map((name) => checkModel(name, models[name], env));
}

function checkModel(model: string, config: ModelConfig, env: NodeJS.ProcessEnv): ModelCheck {
  const result = (ok: boolean, message: string): ModelCheck => ({ model, engine: config.engine, ok, message });
  if (config.engine === 'local') {
    if (config.path) return existsSync(config.path) ? result(true, `model file ${config.path}`) : result(false, `model file not found: ${config.path}`);
    const fromEnv = env.SYNTHKIT_LOCAL_MODEL;
    if (fromEnv) {
      return existsSync(fromEnv)
        ? result(true, `model file ${fromEnv} (from SYNTHKIT_LOCAL_MODEL)`)
        : result(false, `SYNTHKIT_LOCAL_MODEL points to a missing file: ${fromEnv}`);
    }
    const uri = defaultModelUri(env);
    const cached = cachedModelPath(uri);
    if (cached) return result(true, `the default model, cached at ${cached}`);
    // Not there yet: the first run needs the network (about 1.1 GB), so --strict counts it.
    return result(
      false,
      `no model file given and the default model is not downloaded yet: a run downloads ${uri} (about 1.1 GB) first (or run \`synthkit models pull\` now); or pass --local-model /path/to/model.gguf, or set SYNTHKIT_LOCAL_MODEL`,
    );
  }
  const keyEnv = config.api_key_env ?? (config.engine === 'openai-compatible' ? undefined : DEFAULT_KEY_ENV[config.engine]);
  if (!keyEnv) return result(true, `${config.model} at ${config.base_url} (no API key needed)`);
  if (!env[keyEnv]) return result(false, `the environment variable ${keyEnv} is not set; a run will stop at this model's first call`);
  return result(true, `${config.model}; API key from ${keyEnv}`);
}

/** The models columns and the curate/evaluate sections name (a model defined but unused is not checked). */
function usedModels(plan: PipelinePlan): Set<string> {
  const used = new Set(plan.columns.flatMap((p) => modelOf(p.column) ?? []));
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        // `models` is either the definitions (a mapping: not references) or a judge's list of names.
        const names = key === 'model' ? [value] : key === 'models' ? (Array.isArray(value) ? value : []) : undefined;
        if (names) for (const name of names) if (typeof name === 'string') used.add(name);
        if (!names) visit(value);
      }
    }
  };
  visit(plan.curate);
  visit(plan.evaluate);
  return used;
}
