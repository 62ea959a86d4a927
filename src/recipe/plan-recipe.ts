/**
 * Turns a schema-valid recipe into a plan: columns in dependency order, templates compiled,
 * JSON schemas compiled into validators, and every cross-field rule checked. Anything wrong is
 * reported with its path before a single model call is made.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { orderColumns } from './column-graph.js';
import type { RecipeIssue } from './recipe-error.js';
import { isLlmColumn, type Column, type Recipe } from './schema.js';
import { compileTemplate, type CompiledTemplate } from '../prompting/template.js';
import { loadExamples, type Example } from '../prompting/few-shot/load-examples.js';
import { createExampleSelector, type ExampleSelector } from '../prompting/few-shot/select-examples.js';
import { createJointSampler, type JointDimension, type JointSampler } from '../samplers/joint.js';
import { DIVERSITY_DIMENSIONS, DIVERSITY_DIMENSION_NAMES } from '../samplers/diversity-data.js';
import { deriveSeed } from '../core/rng.js';
import { withReasoningField } from '../models/reasoning-reply.js';
import type { CurateConfig } from '../curate/config-schema.js';
import type { EvaluateConfig } from '../evaluate/config-schema.js';

export interface PlannedColumn {
  column: Column;
  dependsOn: string[];
  /** Compiled templates of this column, by field name (prompt, system, template). */
  templates: Record<string, CompiledTemplate>;
  /** Output validator for llm-object columns (and for their reasoning-wrapped replies). */
  validate?: ValidateFunction;
  validateWithReasoning?: ValidateFunction;
  /** Few-shot examples and the per-record selector, loaded at plan time so a bad file fails first. */
  fewShot?: { examples: Example[]; selector: ExampleSelector };
  /** Joint sampler of a joint column. */
  joint?: JointSampler;
}

export interface Plan {
  recipe: Recipe;
  seed: number;
  /** The recipe's curate: and evaluate: sections, validated; their models include the recipe's. */
  curate?: CurateConfig;
  evaluate?: EvaluateConfig;
  /** Columns in the order they must be computed. */
  columns: PlannedColumn[];
}

export const DEFAULT_SEED = 42;

const ajv = new Ajv({ allErrors: true, strict: false });

/**
 * Makes the recipe's file paths absolute, relative to the recipe file's folder, so the resolved
 * recipe stored in a run directory still works when resumed from elsewhere.
 */
export function resolveRecipePaths(recipe: Recipe, baseDir: string): Recipe {
  const abs = (path: string) => (isAbsolute(path) ? path : resolve(baseDir, path));
  return {
    ...recipe,
    models: Object.fromEntries(Object.entries(recipe.models).map(([n, m]) => [n, m.engine === 'local' && m.path ? { ...m, path: abs(m.path) } : m])),
    columns: recipe.columns.map((c) => {
      if (c.kind === 'document-chunk' || c.kind === 'concepts') return { ...c, kb: abs(c.kb) };
      if (c.kind !== 'llm-text' && c.kind !== 'llm-object') return c;
      return {
        ...c,
        ...(c.few_shot ? { few_shot: { ...c.few_shot, file: abs(c.few_shot.file) } } : {}),
        ...(c.retrieve ? { retrieve: { ...c.retrieve, kb: abs(c.retrieve.kb) } } : {}),
      };
    }),
  };
}

export function planRecipe(recipe: Recipe): { plan?: Plan; issues: RecipeIssue[] } {
  const issues: RecipeIssue[] = [];
  const reserved = new Set(recipe.columns.flatMap((c) => (isLlmColumn(c) && c.kind !== 'llm-conversation' && c.reasoning ? [`${c.name}_reasoning`] : [])));
  recipe.columns.forEach((c, i) => {
    if (reserved.has(c.name)) issues.push({ path: ['columns', i, 'name'], message: `'${c.name}' is the name of another column's kept reasoning; rename it` });
  });
  const planned: PlannedColumn[] = recipe.columns.map((column, index) => planColumn(recipe, column, index, issues));
  const { order, issues: graphIssues } = orderColumns(
    planned.map((p, index) => ({ name: p.column.name, index, dependsOn: p.dependsOn })),
  );
  issues.push(...graphIssues);
  if (issues.length) return { issues };
  const byName = new Map(planned.map((p) => [p.column.name, p]));
  return { plan: { recipe, seed: recipe.seed ?? DEFAULT_SEED, columns: order.map((n) => byName.get(n)!) }, issues };
}

function planColumn(recipe: Recipe, column: Column, index: number, issues: RecipeIssue[]): PlannedColumn {
  const at = (...path: (string | number)[]) => ['columns', index, ...path];
  const templates: Record<string, CompiledTemplate> = {};
  const dependsOn = new Set<string>();
  const compile = (field: string, source: string | undefined) => {
    if (source === undefined) return;
    try {
      templates[field] = compileTemplate(source);
      for (const ref of templates[field].references) dependsOn.add(ref);
    } catch (error) {
      issues.push({ path: at(field), message: (error as Error).message });
    }
  };
  let validate: ValidateFunction | undefined;
  let validateWithReasoning: ValidateFunction | undefined;

  const seed = recipe.seed ?? DEFAULT_SEED;
  let fewShot: PlannedColumn['fewShot'];
  let joint: JointSampler | undefined;
  const checkModel = (model: string) => {
    if (recipe.models[model]) return;
    const known = Object.keys(recipe.models);
    issues.push({
      path: at('model'),
      message: `unknown model '${model}'; ${known.length ? `define it under models: (known: ${known.join(', ')})` : 'add it under the top-level models: section'}`,
    });
  };

  switch (column.kind) {
    case 'category':
      if (!column.values === !column.builtin) {
        issues.push({ path: at('values'), message: `give either values or builtin (one of ${DIVERSITY_DIMENSION_NAMES.join(', ')})` });
      } else {
        checkWeights(column.values?.length ?? DIVERSITY_DIMENSIONS[column.builtin!].values.length, column.weights, at('weights'), issues);
      }
      break;
    case 'joint': {
      const dimensions: Record<string, JointDimension> = {};
      for (const [dim, spec] of Object.entries(column.dimensions)) {
        if (spec === 'builtin') {
          const data = DIVERSITY_DIMENSIONS[dim as keyof typeof DIVERSITY_DIMENSIONS];
          if (!data) issues.push({ path: at('dimensions', dim), message: `no built-in values for '${dim}'; built-in dimensions are ${DIVERSITY_DIMENSION_NAMES.join(', ')}` });
          else dimensions[dim] = { values: data.values };
        } else dimensions[dim] = spec;
      }
      if (!Object.keys(dimensions).length) issues.push({ path: at('dimensions'), message: 'give at least one dimension' });
      else {
        try {
          joint = createJointSampler({ dimensions, mode: column.mode ?? 'stratified', target: column.target, total: recipe.records, seed: deriveSeed(seed, column.name) });
        } catch (error) {
          issues.push({ path: at(column.target ? 'target' : 'dimensions'), message: (error as Error).message });
        }
      }
      break;
    }
    case 'topic-tree':
      compile('root', column.root);
      if (templates.root?.references.length) issues.push({ path: at('root'), message: 'the root topic is expanded once per run, so it cannot refer to other columns' });
      checkModel(column.model);
      break;
    case 'llm-conversation':
      compile('scenario', column.scenario);
      compile('user', column.user);
      compile('assistant', column.assistant);
      checkModel(column.model);
      break;
    case 'subcategory':
      dependsOn.add(column.parent);
      for (const [key, spec] of Object.entries(column.values)) {
        if (!Array.isArray(spec)) checkWeights(spec.values.length, spec.weights, at('values', key, 'weights'), issues);
      }
      break;
    case 'integer':
    case 'float':
      if (column.min > column.max) issues.push({ path: at('max'), message: `max (${column.max}) must be >= min (${column.min})` });
      break;
    case 'date':
      if (Number.isNaN(Date.parse(column.start))) issues.push({ path: at('start'), message: `'${column.start}' is not a valid date` });
      else if (Number.isNaN(Date.parse(column.end))) issues.push({ path: at('end'), message: `'${column.end}' is not a valid date` });
      else if (Date.parse(column.start) > Date.parse(column.end)) issues.push({ path: at('end'), message: 'end must not be before start' });
      break;
    case 'persona':
      for (const [field, spec] of Object.entries(column.overrides ?? {})) {
        if (spec) checkWeights(spec.values.length, spec.weights, at('overrides', field, 'weights'), issues);
      }
      break;
    case 'expression':
      compile('template', column.template);
      break;
    case 'document-chunk':
      checkKb(column.kb, at('kb'), issues);
      break;
    case 'concepts':
      checkKb(column.kb, at('kb'), issues);
      if ((column.min ?? 2) > (column.max ?? 4)) issues.push({ path: at('max'), message: `max (${column.max ?? 4}) must be >= min (${column.min ?? 2})` });
      break;
    case 'llm-text':
    case 'llm-object':
      compile('system', column.system);
      compile('prompt', column.prompt);
      checkModel(column.model);
      if (column.retrieve) {
        checkKb(column.retrieve.kb, at('retrieve', 'kb'), issues);
        compile('query', column.retrieve.query);
      }
      if (column.few_shot) {
        const spec = column.few_shot;
        try {
          const examples = loadExamples(spec.file, { k: spec.k });
          const selector = createExampleSelector(examples, {
            k: spec.k,
            strategy: spec.strategy ?? 'random',
            stratifyBy: spec.stratify_by,
            similarFields: spec.similar_fields,
            seed: deriveSeed(seed, column.name, 'few-shot'),
          });
          fewShot = { examples, selector };
        } catch (error) {
          issues.push({ path: at('few_shot'), message: (error as Error).message });
        }
        for (const ref of [spec.stratify_by, ...(spec.similar_fields ?? [])]) if (ref) dependsOn.add(ref);
      }
      if (column.kind === 'llm-object') {
        try {
          validate = ajv.compile(column.schema);
          if (column.reasoning) validateWithReasoning = ajv.compile(withReasoningField(column.schema));
        } catch (error) {
          issues.push({ path: at('schema'), message: `not a valid JSON Schema: ${(error as Error).message}` });
        }
      }
      break;
  }
  return { column, dependsOn: [...dependsOn], templates, validate, validateWithReasoning, fewShot, joint };
}

function checkKb(path: string, at: (string | number)[], issues: RecipeIssue[]) {
  if (!existsSync(path)) {
    issues.push({ path: at, message: `no such folder: ${path}; give a knowledge base made by 'synthkit ingest <documents> --kb <dir>', or a folder of documents` });
  }
}

function checkWeights(count: number, weights: number[] | undefined, path: (string | number)[], issues: RecipeIssue[]) {
  if (!weights) return;
  if (weights.length !== count) {
    issues.push({ path, message: `has ${weights.length} weights for ${count} values; give one weight per value` });
  } else if (!weights.some((w) => w > 0)) {
    issues.push({ path, message: 'at least one weight must be greater than 0' });
  }
}

/** Names of the LLM columns, in execution order. */
export function llmColumns(plan: Plan) {
  return plan.columns.filter((p) => isLlmColumn(p.column));
}
