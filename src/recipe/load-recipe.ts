/**
 * Reads a recipe from YAML (file or text) or takes a TypeScript object, validates it and plans it.
 * Every problem is reported at once, with the file, the line and the field path.
 */
import { dirname, resolve } from 'node:path';
import { RecipeError } from './recipe-error.js';
import { ENGINES, fromYaml, parseConfigObject, readConfigText, type ConfigKind } from './config-file.js';
import { recipeSchema, columnKinds, type Recipe, type RecipeInput } from './schema.js';
import { planRecipe, resolveRecipePaths, type Plan } from './plan-recipe.js';
import type { RecipeIssue } from './recipe-error.js';

const KIND: ConfigKind<Recipe> = { subject: 'recipe', schema: recipeSchema as never, discriminators: { kind: columnKinds, engine: ENGINES } };

/**
 * Parses the recipe's sections that belong to later stages (curate:, evaluate:). The pipeline,
 * which sits above those stages, supplies it, so this layer never imports them; problems are
 * pushed to `issues` and reported together with the recipe's own.
 */
export type SectionsParser<S> = (recipe: Recipe, file: string, issues: RecipeIssue[]) => S;

export function loadRecipeFile<S extends object = object>(file: string, sections?: SectionsParser<S>): Plan & S {
  return parseRecipeYaml(readConfigText(file, KIND.subject), file, sections);
}

export function parseRecipeYaml<S extends object = object>(text: string, file = '<recipe>', sections?: SectionsParser<S>): Plan & S {
  return fromYaml(text, file, KIND.subject, (value) => planRecipeObject(value, file, file.startsWith('<') ? process.cwd() : dirname(resolve(file)), sections));
}

/**
 * Validates and plans a recipe given as an object (the library entry point). Relative file paths
 * in it (few-shot files, model files) are taken relative to `baseDir`.
 */
export function planRecipeObject<S extends object = object>(
  input: RecipeInput | unknown,
  file = '<recipe>',
  baseDir = process.cwd(),
  sections?: SectionsParser<S>,
): Plan & S {
  const recipe = parseConfigObject(KIND, input, file);
  const { plan, issues } = planRecipe(resolveRecipePaths(recipe, baseDir));
  const parsed = sections ? sections(recipe, file, issues) : ({} as S);
  if (!plan || issues.length) throw new RecipeError(file, issues);
  return { ...plan, ...parsed };
}
