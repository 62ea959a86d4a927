/**
 * Turns a schema-valid recipe into a plan: columns in dependency order, templates compiled,
 * JSON schemas compiled into validators, and every cross-field rule checked. Anything wrong is
 * reported with its path before a single model call is made.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { orderColumns } from './column-graph.js';
import type { RecipeIssue } from './recipe-error.js';
import { isLlmColumn, type Column, type Recipe } from './schema.js';
import { compileTemplate, type CompiledTemplate } from '../prompting/template.js';

export interface PlannedColumn {
  column: Column;
  dependsOn: string[];
  /** Compiled templates of this column, by field name (prompt, system, template). */
  templates: Record<string, CompiledTemplate>;
  /** Output validator for llm-object columns. */
  validate?: ValidateFunction;
}

export interface Plan {
  recipe: Recipe;
  seed: number;
  /** Columns in the order they must be computed. */
  columns: PlannedColumn[];
}

export const DEFAULT_SEED = 42;

const ajv = new Ajv({ allErrors: true, strict: false });

export function planRecipe(recipe: Recipe): { plan?: Plan; issues: RecipeIssue[] } {
  const issues: RecipeIssue[] = [];
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

  switch (column.kind) {
    case 'category':
      checkWeights(column.values.length, column.weights, at('weights'), issues);
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
    case 'llm-text':
    case 'llm-object':
      compile('system', column.system);
      compile('prompt', column.prompt);
      if (!recipe.models[column.model]) {
        const known = Object.keys(recipe.models);
        issues.push({
          path: at('model'),
          message: `unknown model '${column.model}'; ${known.length ? `define it under models: (known: ${known.join(', ')})` : 'add it under the top-level models: section'}`,
        });
      }
      if (column.kind === 'llm-object') {
        try {
          validate = ajv.compile(column.schema);
        } catch (error) {
          issues.push({ path: at('schema'), message: `not a valid JSON Schema: ${(error as Error).message}` });
        }
      }
      break;
  }
  return { column, dependsOn: [...dependsOn], templates, validate };
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
