/**
 * What to measure coverage of, read from a run directory's recipe.json: the sampled columns and
 * the weights the recipe asked for, so a report compares what came out with what was asked. Each
 * column kind says what it contributes (its `attributes` hook in src/columns); for the built-in
 * kinds:
 *
 * - category: the column, its values as the domain, its weights (uniform without) as the target;
 * - subcategory: the column, and the parent x child cross product;
 * - persona: `name.field` for each field the recipe samples (built-in data, no target);
 * - joint: `name.dimension` for each dimension, and the cross product of the dimensions.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnAttributes } from '../columns/column-kind.js';
import { builtinColumnKinds } from '../columns/registry.js';

export type RecipeAttributes = ColumnAttributes;

/** Null when `input` is not a run directory with a readable recipe.json. */
export function readRecipeAttributes(input: string): RecipeAttributes | null {
  if (!statSync(input, { throwIfNoEntry: false })?.isDirectory()) return null;
  const file = join(input, 'recipe.json');
  if (!existsSync(file)) return null;
  let recipe: { columns?: unknown[] };
  try {
    recipe = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const out: RecipeAttributes = { columns: [], combinations: [], domains: {}, personaFields: [] };
  for (const raw of Array.isArray(recipe.columns) ? recipe.columns : []) {
    const kindName = (raw as { kind?: unknown })?.kind;
    const kind = builtinColumnKinds.kinds.find((k) => k.kind === kindName);
    // A column this version cannot read (another kind, an older shape) is left out of coverage, not fatal.
    const parsed = kind?.attributes ? kind.schema.safeParse(raw) : undefined;
    if (!parsed?.success || parsed.data.drop) continue;
    const found = kind!.attributes!(parsed.data);
    out.columns.push(...(found.columns ?? []));
    out.combinations.push(...(found.combinations ?? []));
    Object.assign(out.domains, found.domains);
    out.personaFields.push(...(found.personaFields ?? []));
    if (found.allowed) out.allowed = { ...out.allowed, ...found.allowed };
  }
  return out;
}
