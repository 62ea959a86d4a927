/**
 * Reads a recipe from YAML (file or text) or takes a TypeScript object, validates it and plans it.
 * Every problem is reported at once, with the file, the line and the field path.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { RecipeError, type RecipeIssue } from './recipe-error.js';
import { locateYamlPath, parseYamlWithLines } from './yaml-location.js';
import { recipeSchema, columnKinds, type RecipeInput } from './schema.js';
import { planRecipe, resolveRecipePaths, type Plan } from './plan-recipe.js';
import { parseCurateConfigObject } from '../curate/load-curate-config.js';
import { parseEvaluateConfigObject } from '../evaluate/load-evaluate-config.js';

export function loadRecipeFile(file: string): Plan {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RecipeError(file, [{ path: [], message: `cannot read the recipe file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }]);
  }
  return parseRecipeYaml(text, file);
}

export function parseRecipeYaml(text: string, file = '<recipe>'): Plan {
  const { doc, lineCounter } = parseYamlWithLines(text, file);
  try {
    return planRecipeObject(doc.toJS(), file, file.startsWith('<') ? process.cwd() : dirname(resolve(file)));
  } catch (error) {
    if (error instanceof RecipeError) {
      throw new RecipeError(file, error.issues.map((issue) => ({ ...issue, ...locateYamlPath(doc, issue.path, lineCounter) })));
    }
    throw error;
  }
}

/**
 * Validates and plans a recipe given as an object (the library entry point). Relative file paths
 * in it (few-shot files, model files) are taken relative to `baseDir`.
 */
export function planRecipeObject(input: RecipeInput | unknown, file = '<recipe>', baseDir = process.cwd()): Plan {
  const parsed = recipeSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new RecipeError(file, parsed.error.issues.map(toIssue));
  const { plan, issues } = planRecipe(resolveRecipePaths(parsed.data, baseDir));
  // The curate: and evaluate: sections may use the recipe's models as well as their own.
  const withModels = (section: unknown) =>
    section && typeof section === 'object' && !Array.isArray(section)
      ? { ...section, models: { ...parsed.data.models, ...((section as { models?: object }).models ?? {}) } }
      : section;
  const parseSection = <T>(section: unknown, parse: (obj: unknown, file: string, prefix: string[]) => T, key: string): T | undefined => {
    if (section === undefined) return undefined;
    try {
      return parse(withModels(section), file, [key]);
    } catch (error) {
      if (!(error instanceof RecipeError)) throw error;
      issues.push(...error.issues);
      return undefined;
    }
  };
  const curate = parseSection(parsed.data.curate, parseCurateConfigObject, 'curate');
  const evaluate = parseSection(parsed.data.evaluate, parseEvaluateConfigObject, 'evaluate');
  if (!plan || issues.length) throw new RecipeError(file, issues);
  return { ...plan, curate, evaluate };
}

function toIssue(issue: z.core.$ZodIssue): RecipeIssue {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const last = path.at(-1);
  if (issue.code === 'invalid_union' && (last === 'kind' || last === 'engine' || (issue as { note?: string }).note)) {
    const field = last === 'engine' || path.includes('models') ? 'engine' : 'kind';
    const expected = field === 'kind' ? columnKinds.join(', ') : 'local, openai, openai-compatible, anthropic';
    return { path: last === field ? path : [...path, field], message: `unknown or missing ${field}; expected one of: ${expected}` };
  }
  if (issue.code === 'unrecognized_keys') {
    return { path, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}; check the spelling against the documented fields` };
  }
  if (issue.code === 'invalid_type') {
    const received = (issue as { input?: unknown }).input;
    const got = received === undefined ? 'nothing (the field is missing)' : `${typeof received} ${JSON.stringify(received)}`;
    return { path, message: `expected ${issue.expected}, got ${got}` };
  }
  return { path, message: issue.message };
}
