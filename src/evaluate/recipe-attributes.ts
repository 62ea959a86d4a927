/**
 * What to measure coverage of, read from a run directory's recipe.json: the sampled columns and
 * the weights the recipe asked for, so a report compares what came out with what was asked.
 *
 * - category: the column, its values as the domain, its weights (uniform without) as the target;
 * - subcategory: the column, and the parent x child cross product;
 * - persona: `name.field` for each field the recipe samples (built-in data, no target);
 * - joint: `name.dimension` for each dimension, and the cross product of the dimensions.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PERSONA_FIELD_NAMES } from '../samplers/persona-data.js';

export interface RecipeAttributes {
  columns: { field: string; target?: Record<string, number> }[];
  combinations: string[][];
  domains: Record<string, string[]>;
  /** Persona fields sampled, as paths (for the bias audit's default groups). */
  personaFields: string[];
}

interface RecipeColumn {
  name: string;
  kind: string;
  values?: unknown;
  weights?: number[];
  parent?: string;
  fields?: string[];
  dimensions?: Record<string, unknown>;
}

/** Null when `input` is not a run directory with a readable recipe.json. */
export function readRecipeAttributes(input: string): RecipeAttributes | null {
  if (!statSync(input, { throwIfNoEntry: false })?.isDirectory()) return null;
  const file = join(input, 'recipe.json');
  if (!existsSync(file)) return null;
  let recipe: { columns?: RecipeColumn[] };
  try {
    recipe = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const out: RecipeAttributes = { columns: [], combinations: [], domains: {}, personaFields: [] };
  for (const column of recipe.columns ?? []) {
    if ((column as { drop?: boolean }).drop) continue;
    switch (column.kind) {
      case 'category': {
        if (!Array.isArray(column.values)) {
          out.columns.push({ field: column.name });
          break;
        }
        const values = column.values.map(String);
        const weights = column.weights ?? values.map(() => 1);
        out.columns.push({ field: column.name, target: Object.fromEntries(values.map((v, i) => [v, weights[i] ?? 0])) });
        out.domains[column.name] = values;
        break;
      }
      case 'subcategory':
        out.columns.push({ field: column.name });
        if (column.parent) out.combinations.push([column.parent, column.name]);
        break;
      case 'persona':
        for (const field of column.fields ?? PERSONA_FIELD_NAMES) {
          out.columns.push({ field: `${column.name}.${field}` });
          out.personaFields.push(`${column.name}.${field}`);
        }
        break;
      case 'joint': {
        const dims = Object.keys(column.dimensions ?? {});
        for (const dim of dims) {
          out.columns.push({ field: `${column.name}.${dim}` });
          const spec = column.dimensions![dim] as { values?: string[] } | string;
          if (typeof spec === 'object' && Array.isArray(spec.values)) out.domains[`${column.name}.${dim}`] = spec.values.map(String);
        }
        if (dims.length >= 2) out.combinations.push(dims.slice(0, 4).map((d) => `${column.name}.${d}`));
        break;
      }
      default:
        break;
    }
  }
  return out;
}
