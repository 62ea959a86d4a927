/**
 * Reads a recipe from YAML (file or text) or takes a TypeScript object, validates it and plans it.
 * Every problem is reported at once, with the file, the line and the field path.
 */
import { dirname, resolve } from 'node:path';
import { RecipeError } from './recipe-error.js';
import { ENGINES, fromYaml, parseConfigObject, readConfigText, type ConfigKind } from './config-file.js';
import { recipeSchema, columnKinds, type Recipe, type RecipeInput } from './schema.js';
import { planRecipe, resolveRecipePaths, type Plan } from './plan-recipe.js';
import { parseCurateConfigObject } from '../curate/load-curate-config.js';
import { parseEvaluateConfigObject } from '../evaluate/load-evaluate-config.js';

const KIND: ConfigKind<Recipe> = { subject: 'recipe', schema: recipeSchema as never, discriminators: { kind: columnKinds, engine: ENGINES } };

export function loadRecipeFile(file: string): Plan {
  return parseRecipeYaml(readConfigText(file, KIND.subject), file);
}

export function parseRecipeYaml(text: string, file = '<recipe>'): Plan {
  return fromYaml(text, file, KIND.subject, (value) => planRecipeObject(value, file, file.startsWith('<') ? process.cwd() : dirname(resolve(file))));
}

/**
 * Validates and plans a recipe given as an object (the library entry point). Relative file paths
 * in it (few-shot files, model files) are taken relative to `baseDir`.
 */
export function planRecipeObject(input: RecipeInput | unknown, file = '<recipe>', baseDir = process.cwd()): Plan {
  const recipe = parseConfigObject(KIND, input, file);
  const { plan, issues } = planRecipe(resolveRecipePaths(recipe, baseDir));
  // The curate: and evaluate: sections may use the recipe's models as well as their own.
  const withModels = (section: unknown) =>
    section && typeof section === 'object' && !Array.isArray(section)
      ? { ...section, models: { ...recipe.models, ...((section as { models?: object }).models ?? {}) } }
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
  const curate = parseSection(recipe.curate, parseCurateConfigObject, 'curate');
  const evaluate = parseSection(recipe.evaluate, parseEvaluateConfigObject, 'evaluate');
  if (!plan || issues.length) throw new RecipeError(file, issues);
  return { ...plan, curate, evaluate };
}
