/**
 * A recipe with its later-stage sections typed: `curate:` and `evaluate:` are validated with the
 * curation and evaluation config schemas (and may use the recipe's models as well as their own),
 * and every problem is reported with the recipe's own, with file, line and path.
 */
import { RecipeError } from '../recipe/recipe-error.js';
import * as recipeLoader from '../recipe/load-recipe.js';
import type { Recipe, RecipeInput } from '../recipe/schema.js';
import type { Plan } from '../recipe/plan-recipe.js';
import type { RecipeIssue } from '../recipe/recipe-error.js';
import { parseCurateConfigObject } from '../curate/load-curate-config.js';
import type { CurateConfig } from '../curate/config-schema.js';
import { parseEvaluateConfigObject } from '../evaluate/load-evaluate-config.js';
import type { EvaluateConfig } from '../evaluate/config-schema.js';
import { parseExportConfigObject } from '../export/training/load-export-config.js';
import type { ExportConfig } from '../export/training/export-config.js';

export interface StageSections {
  curate?: CurateConfig;
  evaluate?: EvaluateConfig;
  export?: ExportConfig;
}

export type PipelinePlan = Plan & StageSections;

function parseSections(recipe: Recipe, file: string, issues: RecipeIssue[]): StageSections {
  const withModels = (section: unknown) =>
    section && typeof section === 'object' && !Array.isArray(section)
      ? { ...section, models: { ...recipe.models, ...((section as { models?: object }).models ?? {}) } }
      : section;
  const parse = <T>(section: unknown, parser: (obj: unknown, file: string, prefix: string[]) => T, key: string): T | undefined => {
    if (section === undefined) return undefined;
    try {
      return parser(withModels(section), file, [key]);
    } catch (error) {
      if (!RecipeError.isInstance(error)) throw error;
      issues.push(...(error as RecipeError).issues);
      return undefined;
    }
  };
  return {
    curate: parse(recipe.curate, parseCurateConfigObject, 'curate'),
    evaluate: parse(recipe.evaluate, parseEvaluateConfigObject, 'evaluate'),
    // export: takes no models, so it is parsed as written (withModels would add a key it refuses).
    export: parseExport(recipe.export, file, issues),
  };
}

function parseExport(section: unknown, file: string, issues: RecipeIssue[]): ExportConfig | undefined {
  if (section === undefined) return undefined;
  try {
    return parseExportConfigObject(section, file, ['export']);
  } catch (error) {
    if (!RecipeError.isInstance(error)) throw error;
    issues.push(...(error as RecipeError).issues);
    return undefined;
  }
}

export function loadRecipeFile(file: string): PipelinePlan {
  return recipeLoader.loadRecipeFile(file, parseSections);
}

export function parseRecipeYaml(text: string, file = '<recipe>'): PipelinePlan {
  return recipeLoader.parseRecipeYaml(text, file, parseSections);
}

export function planRecipeObject(input: RecipeInput | unknown, file = '<recipe>', baseDir = process.cwd()): PipelinePlan {
  return recipeLoader.planRecipeObject(input, file, baseDir, parseSections);
}
