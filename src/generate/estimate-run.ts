/**
 * `estimateRun(recipe)`: the calls, tokens and cost of a run, before it is made.
 *
 * The real pipeline runs on a sample of records (20 by default) with an in-process counting
 * engine standing in for every model, so the estimate follows everything the recipe does
 * (templates, few-shot examples, retrieval, conversations, topic trees) without a copy of that
 * logic drifting out of date. The engine counts each prompt's tokens and answers with a reply the
 * column accepts, sized at the call's max_tokens, so output tokens are an upper bound (or an
 * assumption, stated, where nothing sets max_tokens). Per-record figures are then scaled to the
 * full record count; run-level calls (topic-tree expansion) are counted once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { loadRecipeFile, planRecipeObject } from '../recipe/load-recipe.js';
import { modelOf, type RecipeInput } from '../recipe/schema.js';
import type { Plan } from '../recipe/plan-recipe.js';
import type { ModelConfig } from '../models/model-config.js';
import type { JsonSchema, ModelEngine, ModelRequest, ModelResponse } from '../models/types.js';
import { costAt, quotePrice, type PriceQuote } from '../models/prices.js';
import { generateRecords } from './generate.js';

export interface EstimateOptions {
  /** Overrides the recipe's record count. */
  records?: number;
  /** Records actually run through the pipeline to measure per-record calls and tokens. Default 20. */
  sampleRecords?: number;
  /** Output tokens assumed per call of a remote model when neither the column nor the model sets max_tokens. Default 1024. */
  assumedOutputTokens?: number;
  signal?: AbortSignal;
}

export interface ModelEstimate {
  /** The recipe's name for the model. */
  model: string;
  engine: ModelConfig['engine'];
  /** The provider's model name, or "local GGUF". */
  modelName: string;
  calls: number;
  inputTokens: number;
  /** An upper bound when `outputTokensBound` is true (every call had a max_tokens), else an assumption. */
  outputTokens: number;
  outputTokensBound: boolean;
  /** Dollars; undefined when no price is known for the model (set models.<name>.price). */
  cost?: number;
  price?: PriceQuote;
}

export interface RunEstimate {
  records: number;
  /** Records run to measure the per-record figures. */
  sampledRecords: number;
  models: ModelEstimate[];
  /** Dollars for all models; undefined when a model has no price. */
  cost?: number;
  /** What the figures rest on, in words, for the reader to judge them. */
  assumptions: string[];
}

export const DEFAULT_SAMPLE_RECORDS = 20;
export const DEFAULT_ASSUMED_OUTPUT_TOKENS = 1024;
/** The local engine's own cap when nothing sets max_tokens (models/local-engine.ts). */
const LOCAL_DEFAULT_MAX_TOKENS = 512;
/** Chat formats add a few tokens per message and for the reply's start (OpenAI's cookbook figures). */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_REPLY = 3;

interface Tally {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  assumedOutput: number;
}

export async function estimateRun(recipe: string | RecipeInput | Plan, options: EstimateOptions = {}): Promise<RunEstimate> {
  const plan =
    typeof recipe === 'string'
      ? loadRecipeFile(recipe)
      : 'columns' in recipe && 'seed' in recipe && 'recipe' in recipe
        ? (recipe as Plan)
        : planRecipeObject(recipe);
  const records = options.records ?? plan.recipe.records;
  const sampled = Math.max(1, Math.min(records, options.sampleRecords ?? DEFAULT_SAMPLE_RECORDS));
  const assumedOutput = options.assumedOutputTokens ?? DEFAULT_ASSUMED_OUTPUT_TOKENS;
  const used = [...new Set(plan.columns.flatMap((p) => modelOf(p.column) ?? []))].sort();

  const perRecord = new Map<string, Tally>();
  const perRun = new Map<string, Tally>();
  const engines: Record<string, ModelEngine> = {};
  for (const name of used) {
    const config = plan.recipe.models[name];
    const fallbackMaxTokens = config.max_tokens ?? (config.engine === 'local' ? LOCAL_DEFAULT_MAX_TOKENS : undefined);
    perRecord.set(name, emptyTally());
    perRun.set(name, emptyTally());
    engines[name] = countingEngine(name, (request) => (isTopicExpansion(request) ? perRun : perRecord).get(name)!, fallbackMaxTokens, assumedOutput);
  }

  const out = mkdtempSync(join(tmpdir(), 'synthkit-estimate-'));
  try {
    // The shared cache stays off: these replies are stand-ins and must never answer a real run.
    await generateRecords(plan, {
      out,
      records: sampled,
      cache: false,
      engines,
      // Stand-in replies are priced at their upper bound; a recipe's budget must not stop the sample.
      maxCost: plan.recipe.generation?.max_cost === undefined ? undefined : Number.MAX_VALUE,
      signal: options.signal,
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  const scale = records / sampled;
  const models = used.map((name): ModelEstimate => {
    const config = plan.recipe.models[name];
    const r = perRecord.get(name)!;
    const once = perRun.get(name)!;
    const calls = Math.round(r.calls * scale + once.calls);
    const inputTokens = Math.round(r.inputTokens * scale + once.inputTokens);
    const outputTokens = Math.round(r.outputTokens * scale + once.outputTokens);
    const price = calls ? quotePrice(config, { inputTokens: inputTokens / calls, outputTokens: outputTokens / calls }) : undefined;
    return {
      model: name,
      engine: config.engine,
      modelName: config.engine === 'local' ? 'local GGUF' : config.model,
      calls,
      inputTokens,
      outputTokens,
      outputTokensBound: r.assumedOutput + once.assumedOutput === 0,
      cost: price ? costAt(price, inputTokens, outputTokens) : calls === 0 ? 0 : undefined,
      price,
    };
  });
  const costs = models.map((m) => m.cost);
  return {
    records,
    sampledRecords: sampled,
    models,
    cost: costs.every((c) => c !== undefined) ? costs.reduce((a, b) => a + b, 0) : undefined,
    assumptions: assumptionsFor(plan, models, { records, sampled, assumedOutput }),
  };
}

function assumptionsFor(plan: Plan, models: ModelEstimate[], s: { records: number; sampled: number; assumedOutput: number }): string[] {
  const notes = [
    s.sampled < s.records
      ? `calls and input tokens measured on ${s.sampled} of ${s.records.toLocaleString('en-US')} records (the real templates, few-shot and retrieval) and scaled up`
      : `calls and input tokens measured on all ${s.records} records (the real templates, few-shot and retrieval)`,
    "input tokens counted with OpenAI's o200k_base tokenizer, plus the JSON schema of structured calls; other providers' tokenizers differ by about ±20%",
    'output tokens: every reply is assumed to use its full max_tokens (an upper bound), so replies fed into later prompts are long too',
  ];
  const assumed = models.filter((m) => !m.outputTokensBound).map((m) => m.model);
  if (assumed.length)
    notes.push(`${assumed.join(', ')}: no max_tokens set, so ${s.assumedOutput} output tokens per call are assumed (not a bound); set max_tokens for a bound`);
  notes.push('each reply is assumed usable at once: repairs of bad replies and transport retries would add calls');
  if (plan.recipe.generation?.until_valid) notes.push('until_valid: records that come out invalid are replaced, which adds calls not counted here');
  if (plan.recipe.cache !== false) notes.push('calls answered from the shared cache (a repeated recipe) would cost nothing; none are assumed cached');
  const curateOrEvaluate = ['curate', 'evaluate'].filter((k) => (plan.recipe as Record<string, unknown>)[k] !== undefined);
  if (curateOrEvaluate.length) notes.push(`the ${curateOrEvaluate.join(' and ')} section's model calls (judges, checks) are not included`);
  for (const m of models) {
    if (!m.price)
      notes.push(`${m.model}: no price known for ${m.engine} model '${m.modelName}'; set models.${m.model}.price (input_per_million, output_per_million)`);
    else if (m.price.source === 'local') notes.push(`${m.model}: a local model costs no per-token fees`);
    else if (m.price.source === 'recipe') notes.push(`${m.model}: price from the recipe`);
    else notes.push(`${m.model}: price of ${m.price.matched} from the bundled @pydantic/genai-prices data`);
  }
  return notes;
}

function emptyTally(): Tally {
  return { calls: 0, inputTokens: 0, outputTokens: 0, assumedOutput: 0 };
}

/** Topic trees are expanded once per run (columns/expand-topic-tree.ts asks for `subtopics`), not per record. */
function isTopicExpansion(request: ModelRequest): boolean {
  const properties = (request.schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return !!properties && 'subtopics' in properties;
}

/** Counts each call into the tally `tallyOf` picks and answers with a stand-in the column accepts. */
function countingEngine(name: string, tallyOf: (request: ModelRequest) => Tally, fallbackMaxTokens: number | undefined, assumedOutput: number): ModelEngine {
  return {
    id: `estimate:${name}`,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      request.signal?.throwIfAborted();
      const maxTokens = request.maxTokens ?? fallbackMaxTokens;
      const outputTokens = maxTokens ?? assumedOutput;
      const inputTokens =
        request.messages.reduce((n, m) => n + TOKENS_PER_MESSAGE + countTokens(m.content), TOKENS_PER_REPLY) +
        (request.schema ? countTokens(JSON.stringify(request.schema)) : 0);
      const tally = tallyOf(request);
      tally.calls++;
      tally.inputTokens += inputTokens;
      tally.outputTokens += outputTokens;
      if (maxTokens === undefined) tally.assumedOutput++;
      const text = request.schema ? JSON.stringify(exampleOf(request.schema)) : filler(outputTokens);
      return { text, reasoning: request.schema ? undefined : 'stand-in reasoning', usage: { inputTokens, outputTokens } };
    },
  };
}

/** About `tokens` tokens of text: " data" is one token in the common BPE vocabularies. */
function filler(tokens: number): string {
  return `data${' data'.repeat(Math.max(0, tokens - 1))}`;
}

/**
 * A small value that satisfies a JSON schema (the subset recipes use: types, enum, const,
 * required properties, minItems/minLength, numeric bounds, anyOf/oneOf). Strings in arrays are
 * numbered so `uniqueItems` and distinct-subtopic checks pass.
 */
export function exampleOf(schema: JsonSchema, salt = 0): unknown {
  const s = schema as Record<string, unknown>;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  const variants = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(variants) && variants.length) return exampleOf(variants[0], salt);
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? s.type[0]) : s.type;
  switch (type) {
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((s.required as string[] | undefined) ?? Object.keys(properties));
      return Object.fromEntries(
        Object.entries(properties)
          .filter(([k]) => required.has(k))
          .map(([k, v]) => [k, exampleOf(v, salt)]),
      );
    }
    case 'array': {
      const count = Math.max(1, Number(s.minItems ?? 1));
      const items = (s.items ?? { type: 'string' }) as JsonSchema;
      return Array.from({ length: count }, (_, i) => exampleOf(items, i + 1));
    }
    case 'integer':
    case 'number': {
      const min = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : 0;
      return type === 'integer' ? Math.ceil(min) : min;
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    default: {
      const base = salt ? `sample ${salt}` : 'sample';
      const min = Number(s.minLength ?? 0);
      const max = Number(s.maxLength ?? Number.POSITIVE_INFINITY);
      return base.padEnd(min, 'x').slice(0, Math.max(min, Math.min(max, base.length)));
    }
  }
}
