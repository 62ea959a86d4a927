/**
 * `synthkit doctor [recipe]` says what this machine has for running synthkit: Node, the llama.cpp
 * engine (loaded for real, CPU or GPU), the threads a local model would use, the model files it
 * would find, the cache, which API key variables are set (names only, never values), and, given a
 * recipe, whether each model it uses can run here (files, keys, hosts reachable).
 *
 * Exit 1 when something needed is missing: a model, key or host of the given recipe, or without a
 * recipe, a Node too old or an engine that does not load. Information that needs no action (the
 * default model not downloaded yet, with no recipe asking for it) does not fail.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Command } from 'commander';
import { defaultCacheDir } from '../core/cache-dir.js';
import { ANTHROPIC_DEFAULT_BASE_URL } from '../models/anthropic-engine.js';
import { defaultModelUri } from '../models/default-model.js';
import { cachedModelPath, folderBytes, listCachedModels } from '../models/model-cache.js';
import type { ModelConfig } from '../models/model-config.js';
import { resolveModelUri } from '../models/model-uri.js';
import { OPENAI_DEFAULT_BASE_URL } from '../models/openai-engine.js';
import { probeHost, type ProbeResult } from '../models/probe-host.js';
import { loadRecipeFile, type PipelinePlan } from '../pipeline/load-pipeline-recipe.js';
import { formatBytes } from './models-command.js';
import { EXIT, runCommand } from './run-command.js';
import { checkModels } from './validate-command.js';

type Status = 'ok' | 'info' | 'warn' | 'FAIL';

interface Line {
  status: Status;
  text: string;
}

/** Variables whose presence we report; a recipe's own `api_key_env` names are added. */
const KNOWN_KEY_VARS = ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'HF_TOKEN'];

/** Below this size the local engine uses one thread (local-engine.ts defaultThreads). */
const SMALL_MODEL_BYTES = 100e6;

export function doctorCommand(): Command {
  return new Command('doctor')
    .description(
      'check this machine: Node, the llama.cpp engine, threads, model files, cache, API key variables; with a recipe, whether each of its models can run here',
    )
    .argument('[recipe]', 'recipe YAML file whose models to check')
    .option('--local-model <file.gguf>', "check the recipe's local models against this GGUF file, as generate --local-model runs them")
    .action((recipe: string | undefined, opts: { localModel?: string }) => runCommand(() => doctor(recipe, opts.localModel)));
}

async function doctor(recipeFile: string | undefined, localModel: string | undefined): Promise<number> {
  const env = process.env;
  const lines: Line[] = [];
  const add = (status: Status, text: string) => {
    lines.push({ status, text });
    process.stdout.write(`${status.padEnd(4)}  ${text}\n`);
  };

  const nodeNeeds = requiredNode();
  add(versionAtLeast(process.versions.node, nodeNeeds) ? 'ok' : 'FAIL', `node ${process.version} (synthkit needs >= ${nodeNeeds})`);

  const engine = await checkEngine();
  add(engine.ok ? 'ok' : recipeFile ? 'warn' : 'FAIL', engine.text);

  const cores = availableParallelism();
  add('info', `threads: a local model of 100 MB or more runs on ${cores} (all cores here); a smaller one on 1. models.<name>.threads overrides it`);

  for (const [label, path] of [
    ['--local-model', localModel],
    ['SYNTHKIT_LOCAL_MODEL', env.SYNTHKIT_LOCAL_MODEL],
  ] as const) {
    if (path) {
      const file = describeModelFile(path);
      add(file.ok ? 'ok' : 'FAIL', `${label}: ${file.text}`);
    } else if (label === 'SYNTHKIT_LOCAL_MODEL') add('info', 'SYNTHKIT_LOCAL_MODEL is not set');
  }
  const defaultUri = defaultModelUri(env);
  const cachedDefault = cachedModelPath(defaultUri);
  let defaultHost: ProbeResult | undefined;
  if (cachedDefault) add('ok', `default model ${defaultUri}: downloaded, ${cachedDefault} (${formatBytes(statSync(cachedDefault).size)})`);
  else {
    defaultHost = await probeModelHost(defaultUri);
    add('info', `default model ${defaultUri}: not downloaded (\`synthkit models pull\` fetches it, about 1.1 GB); ${describeProbe(defaultHost)}`);
  }
  const others = listCachedModels().filter((m) => m.path !== cachedDefault);
  for (const m of others)
    add('info', `cached model ${m.path} (${formatBytes(m.bytes)})${m.partial ? ', an incomplete download' : m.uri ? ` from ${m.uri}` : ''}`);
  const cacheDir = defaultCacheDir();
  add('info', `cache dir ${cacheDir} (${existsSync(cacheDir) ? formatBytes(folderBytes(cacheDir)) : 'not created yet'})`);

  let plan: PipelinePlan | undefined;
  if (recipeFile) plan = loadRecipeFile(recipeFile);
  const keyVars = [...new Set([...KNOWN_KEY_VARS, ...(plan ? recipeKeyVars(plan) : [])])];
  // Names only: a value, even a prefix of one, never reaches the terminal or a log.
  add('info', `API key variables: ${keyVars.map((name) => `${name} ${env[name] ? 'set' : 'not set'}`).join(', ')}`);

  if (plan) {
    process.stdout.write(`recipe ${recipeFile}\n`);
    const models = allModels(plan, localModel);
    const checks = checkModels(withModels(plan, models), env);
    const probes = await Promise.all(
      checks.map((c) => {
        const config = models[c.model];
        return config.engine === 'local' ? undefined : probeHost(remoteURL(config));
      }),
    );
    checks.forEach((check, i) => {
      const config = models[check.model];
      const probe = probes[i];
      let ok = check.ok;
      let text = `model '${check.model}' (${check.engine}): ${check.message}`;
      if (config.engine === 'local') {
        if (!engine.ok) {
          ok = false;
          text += '; but the llama.cpp engine does not load (see above)';
        }
        // A default model still to download is missing; say whether the download could work.
        if (!check.ok && !config.path && !localModel && !env.SYNTHKIT_LOCAL_MODEL) text += `; ${describeProbe(defaultHost ?? undefined)}`;
      } else if (probe) {
        text += `; ${describeProbe(probe)}`;
        if (!probe.ok) ok = false;
      }
      add(ok ? 'ok' : 'FAIL', text);
    });
  }
  return lines.some((l) => l.status === 'FAIL') ? EXIT.failed : EXIT.ok;
}

async function checkEngine(): Promise<{ ok: boolean; text: string }> {
  try {
    const { getLlama, getModuleVersion, LlamaLogLevel } = await import('node-llama-cpp');
    const version = await getModuleVersion();
    // 'auto' is what `gpu: true` in a recipe asks for; it falls back to the CPU build by itself.
    const llama = await getLlama({ gpu: 'auto', build: 'never', logLevel: LlamaLogLevel.error });
    const gpuNames = llama.gpu ? await llama.getGpuDeviceNames().catch(() => [] as string[]) : [];
    const device = llama.gpu
      ? `GPU: ${llama.gpu}${gpuNames.length ? ` (${gpuNames.join(', ')})` : ''}; recipes use it with gpu: true`
      : 'CPU only (no usable GPU build or device)';
    const text = `engine node-llama-cpp ${version}, llama.cpp ${llama.llamaCppRelease.release}, ${llama.buildType} binary loaded; ${device}`;
    await llama.dispose();
    return { ok: true, text };
  } catch (error) {
    return { ok: false, text: `engine: node-llama-cpp did not load (${(error as Error).message.split('\n')[0]}); local models cannot run, remote ones can` };
  }
}

/** Exists, has the GGUF magic, its size and the threads the local engine would give it. */
function describeModelFile(path: string): { ok: boolean; text: string } {
  if (!existsSync(path)) return { ok: false, text: `${path} does not exist` };
  const size = statSync(path).size;
  const magic = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, magic, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if (magic.toString('latin1') !== 'GGUF') return { ok: false, text: `${path} is not a GGUF file` };
  const threads = size < SMALL_MODEL_BYTES ? 1 : availableParallelism();
  return { ok: true, text: `${path} (GGUF, ${formatBytes(size)}; would run on ${threads} thread${threads === 1 ? '' : 's'})` };
}

async function probeModelHost(uri: string): Promise<ProbeResult | undefined> {
  try {
    return await probeHost(resolveModelUri(uri).url);
  } catch {
    return undefined; // Not a URI we can download; the pull would say why.
  }
}

function describeProbe(probe: ProbeResult | undefined): string {
  if (!probe) return 'its host was not checked';
  return probe.ok ? `${probe.host} reachable (${probe.ms} ms)` : `${probe.host} unreachable (${probe.text})`;
}

function remoteURL(config: Exclude<ModelConfig, { engine: 'local' }>): URL {
  return new URL(config.base_url ?? (config.engine === 'anthropic' ? ANTHROPIC_DEFAULT_BASE_URL : OPENAI_DEFAULT_BASE_URL));
}

/** Every model the recipe and its curate/evaluate sections define, local ones on --local-model when given. */
function allModels(plan: PipelinePlan, localModel: string | undefined): Record<string, ModelConfig> {
  const models: Record<string, ModelConfig> = { ...plan.curate?.models, ...plan.evaluate?.models, ...plan.recipe.models };
  if (!localModel) return models;
  return Object.fromEntries(Object.entries(models).map(([name, m]) => [name, m.engine === 'local' ? { ...m, path: localModel } : m]));
}

function withModels(plan: PipelinePlan, models: Record<string, ModelConfig>): PipelinePlan {
  const pick = (section?: { models?: Record<string, ModelConfig> }) =>
    section?.models ? { ...section, models: Object.fromEntries(Object.keys(section.models).map((n) => [n, models[n]])) } : section;
  return {
    ...plan,
    recipe: { ...plan.recipe, models: pick(plan.recipe)!.models! },
    curate: pick(plan.curate) as PipelinePlan['curate'],
    evaluate: pick(plan.evaluate) as PipelinePlan['evaluate'],
  };
}

function recipeKeyVars(plan: PipelinePlan): string[] {
  const models: ModelConfig[] = Object.values({ ...plan.curate?.models, ...plan.evaluate?.models, ...plan.recipe.models });
  return models.flatMap((m) => (m.engine !== 'local' && m.api_key_env ? [m.api_key_env] : []));
}

function requiredNode(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { engines?: { node?: string } };
    return /(\d+\.\d+\.\d+)/.exec(pkg.engines?.node ?? '')?.[1] ?? '20.18.1';
  } catch {
    return '20.18.1';
  }
}

function versionAtLeast(have: string, need: string): boolean {
  const a = have.split('.').map(Number);
  const b = need.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}
