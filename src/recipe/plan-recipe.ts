/**
 * Turns a schema-valid recipe into a plan: columns in dependency order, templates compiled,
 * per-column state made (validators, samplers, few-shot selectors) and every cross-field rule
 * checked. Anything wrong is reported with its path before a single model call is made.
 *
 * Nothing here knows a column kind: each kind's module plans its own columns (src/columns), and
 * this file runs the hooks every kind may have: reserved names, models, knowledge bases, paths.
 */
import { didYouMean } from '../core/closest-name.js';
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { orderColumns } from './column-graph.js';
import type { RecipeIssue } from './recipe-error.js';
import type { Column, Recipe, RecipeWith } from './schema.js';
import { compileTemplate, type CompiledTemplate } from '../prompting/template.js';
import type { ColumnBase, IssuePath, PlanContext, PlannedColumn as KindPlannedColumn } from '../columns/column-kind.js';
import type { ColumnRegistry } from '../columns/create-column-registry.js';
import { builtinColumnKinds } from '../columns/registry.js';

export type PlannedColumn = KindPlannedColumn<Column>;

export interface Plan {
  recipe: Recipe;
  seed: number;
  /** Columns in the order they must be computed. */
  columns: PlannedColumn[];
  /** The column kinds the recipe was planned with; the engine, export and evaluation dispatch through them. */
  kinds: ColumnRegistry;
  /** Columns whose values come from data (an untrusted kind, or computed from one): fenced and screened in prompts. */
  untrusted: Set<string>;
}

export const DEFAULT_SEED = 42;

/**
 * Makes the recipe's file paths absolute, relative to the recipe file's folder, so the resolved
 * recipe stored in a run directory still works when resumed from elsewhere.
 */
export function resolveRecipePaths(recipe: Recipe, baseDir: string, kinds: ColumnRegistry = builtinColumnKinds): Recipe {
  const abs = (path: string) => (isAbsolute(path) ? path : resolve(baseDir, path));
  return {
    ...recipe,
    models: Object.fromEntries(Object.entries(recipe.models).map(([n, m]) => [n, m.engine === 'local' ? resolveLocalPaths(m, abs) : m])),
    columns: recipe.columns.map((c) => (kinds.get(c.kind).resolvePaths?.(c, abs) as Column | undefined) ?? c),
  };
}

/** A local model's GGUF file and LoRA adapter files, relative to the recipe. */
function resolveLocalPaths<M extends { path?: string; lora?: { path: string; scale?: number }[] }>(m: M, abs: (path: string) => string): M {
  return { ...m, ...(m.path ? { path: abs(m.path) } : {}), ...(m.lora ? { lora: m.lora.map((a) => ({ ...a, path: abs(a.path) })) } : {}) };
}

/**
 * Plans a recipe with the built-in column kinds, or with `kinds` (a registry holding a library
 * user's own kinds too; parse such a recipe with `createRecipeSchema(kinds)`).
 */
export function planRecipe(given: Recipe | RecipeWith<ColumnBase>, kinds: ColumnRegistry = builtinColumnKinds): { plan?: Plan; issues: RecipeIssue[] } {
  // A library user's own kinds are typed as the built-in union from here on: nothing below (nor
  // the engine) switches on a kind, every kind-specific step goes through `kinds`.
  const recipe = given as Recipe;
  const issues: RecipeIssue[] = [];
  const reserved = new Map(recipe.columns.flatMap((c) => (kinds.get(c.kind).reservedNames?.(c) ?? []).map((r) => [r.name, r.what] as const)));
  recipe.columns.forEach((c, i) => {
    if (reserved.has(c.name)) issues.push({ path: ['columns', i, 'name'], message: `'${c.name}' is the name of ${reserved.get(c.name)}; rename it` });
  });
  const planned = recipe.columns.map((column, index) => planColumn(recipe, kinds, column, index, issues));
  const { order, issues: graphIssues } = orderColumns(planned.map((p, index) => ({ name: p.column.name, index, dependsOn: p.dependsOn })));
  issues.push(...graphIssues);
  if (issues.length) return { issues };
  const byName = new Map(planned.map((p) => [p.column.name, p]));
  const columns = order.map((n) => byName.get(n)!);
  // In dependency order, so a column computed from an untrusted one is known before its readers.
  const untrusted = new Set<string>();
  for (const p of columns) if (kinds.get(p.column.kind).untrusted || p.dependsOn.some((d) => untrusted.has(d))) untrusted.add(p.column.name);
  return { plan: { recipe, seed: recipe.seed ?? DEFAULT_SEED, columns, kinds, untrusted }, issues };
}

function planColumn(recipe: Recipe, kinds: ColumnRegistry, column: Column, index: number, issues: RecipeIssue[]): PlannedColumn {
  const at = (path: IssuePath) => ['columns', index, ...path];
  const kind = kinds.get(column.kind);
  const templates: Record<string, CompiledTemplate> = {};
  const dependsOn = new Set<string>();
  const ctx: PlanContext = {
    seed: recipe.seed ?? DEFAULT_SEED,
    records: recipe.records,
    issue: (path, message) => issues.push({ path: at(path), message }),
    template(key, source, path = [key]) {
      if (source === undefined) return undefined;
      try {
        templates[key] = compileTemplate(source);
      } catch (error) {
        issues.push({ path: at(path), message: (error as Error).message });
        return undefined;
      }
      for (const ref of templates[key].references) dependsOn.add(ref);
      return templates[key];
    },
    dependOn: (name) => dependsOn.add(name),
    valuesOf(name) {
      const other = recipe.columns.find((c) => c.name === name);
      return other ? kinds.get(other.kind).values?.(other) : undefined;
    },
  };
  for (const model of kind.models?.(column) ?? []) {
    if (recipe.models[model]) continue;
    const known = Object.keys(recipe.models);
    issues.push({
      path: at(['model']),
      message: `unknown model '${model}'${didYouMean(model, known)}; ${known.length ? `define it under models: (known: ${known.join(', ')})` : 'add it under the top-level models: section'}`,
    });
  }
  for (const kb of kind.knowledgeBases?.(column) ?? []) {
    if (!existsSync(kb.path)) {
      issues.push({
        path: at(kb.field),
        message: `no such folder: ${kb.path}; give a knowledge base made by 'synthkit ingest <documents> --kb <dir>', or a folder of documents`,
      });
    }
  }
  const state = kind.plan?.(column, ctx);
  return { column, dependsOn: [...dependsOn], templates, state };
}
