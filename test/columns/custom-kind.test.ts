/**
 * A new column kind is one module (word-sample-kind.ts) plus one registration line: the recipe
 * schema, planning, the engine and export all take it from the registry. Here a library user
 * registers it in a registry of their own (no global registry is changed).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createColumnRegistry } from '../../src/columns/create-column-registry.js';
import { BUILTIN_COLUMN_KINDS, builtinColumnKinds } from '../../src/columns/registry.js';
import { createRecipeSchema, recipeSchema } from '../../src/recipe/schema.js';
import { planRecipe } from '../../src/recipe/plan-recipe.js';
import { generateRecords } from '../../src/generate/generate.js';
import { wordSampleKind } from './word-sample-kind.js';
import { tempDir } from '../support/paths.js';

const readJsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

const kinds = createColumnRegistry([...BUILTIN_COLUMN_KINDS, wordSampleKind]);

const recipe = (count: number, records = 6) => ({
  records,
  seed: 3,
  columns: [
    { name: 'words', kind: 'word-sample', from: '{{ topic }} is {{ mood }} today', count },
    { name: 'topic', kind: 'category', values: ['housing', 'transport'] },
    { name: 'mood', kind: 'category', values: ['calm', 'busy'] },
  ],
});

describe('a column kind registered by a library user', () => {
  it('is part of the recipe schema derived from its registry, and only of that one', () => {
    expect(kinds.names).toEqual([...builtinColumnKinds.names, 'word-sample']);
    expect(createRecipeSchema(kinds).safeParse(recipe(2)).success).toBe(true);
    expect(recipeSchema.safeParse(recipe(2)).success).toBe(false);
    // Strict and with the shared base fields, like every kind.
    expect(createRecipeSchema(kinds).safeParse({ ...recipe(2), columns: [{ ...recipe(2).columns[0], cuont: 1 }] }).success).toBe(false);
    expect(createRecipeSchema(kinds).safeParse({ ...recipe(2), columns: [{ ...recipe(2).columns[0], name: '_x' }] }).success).toBe(false);
  });

  it('plans: its template references become dependencies, and its checks report paths', () => {
    const { plan, issues } = planRecipe(createRecipeSchema(kinds).parse(recipe(2)), kinds);
    expect(issues).toEqual([]);
    expect(plan!.columns.map((p) => p.column.name)).toEqual(['topic', 'mood', 'words']);
    expect(plan!.columns[2].dependsOn.sort()).toEqual(['mood', 'topic']);
    expect(planRecipe(createRecipeSchema(kinds).parse(recipe(9)), kinds).issues).toEqual([
      { path: ['columns', 0, 'count'], message: 'count (9) must be at most 5' },
    ]);
  });

  it('fills every record through the engine, seeded, and exports it', async () => {
    const { plan } = planRecipe(createRecipeSchema(kinds).parse(recipe(3)), kinds);
    const a = tempDir();
    const summary = await generateRecords(plan!, { out: a, cache: false });
    expect(summary).toMatchObject({ records: 6, valid: 6 });
    const rows = readJsonl(join(a, 'dataset.jsonl'));
    for (const row of rows) {
      expect(row.words).toHaveLength(3);
      for (const word of row.words) expect([row.topic, row.mood, 'is', 'today']).toContain(word);
    }
    // Same seed, same words.
    const b = tempDir();
    await generateRecords(plan!, { out: b, cache: false });
    expect(readFileSync(join(b, 'dataset.jsonl'), 'utf8')).toBe(readFileSync(join(a, 'dataset.jsonl'), 'utf8'));
  });
});
