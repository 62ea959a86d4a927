/**
 * Problems that used to pass `synthkit validate` and then fail `generate`: each must be found when
 * the recipe is planned, or must not be a problem at all.
 */
import { describe, expect, it } from 'vitest';
import { planRecipeObject } from '../../src/recipe/load-recipe.js';
import { RecipeError } from '../../src/recipe/recipe-error.js';
import type { RecipeInput } from '../../src/recipe/schema.js';

function problems(recipe: unknown): string {
  try {
    planRecipeObject(recipe);
  } catch (error) {
    expect(RecipeError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected the recipe to be rejected');
}

describe('an llm-object schema with $id', () => {
  const recipe = (reasoning: boolean): RecipeInput => ({
    records: 1,
    models: { m: { engine: 'openai-compatible', model: 'x', base_url: 'http://127.0.0.1:1/v1' } },
    columns: [
      {
        name: 'card',
        kind: 'llm-object',
        model: 'm',
        prompt: 'Describe.',
        reasoning,
        schema: { $id: 'https://example.org/card.json', type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
      },
    ],
  });

  it('plans again and again (validate, then generate, in one process)', () => {
    for (let i = 0; i < 3; i++) expect(planRecipeObject(recipe(false)).columns).toHaveLength(1);
  });

  it('plans with its reasoning wrapper, which holds the schema a second time', () => {
    const plan = planRecipeObject(recipe(true));
    const state = plan.columns[0].state as { validate: (v: unknown) => boolean; validateWithReasoning: (v: unknown) => boolean };
    expect(state.validate({ name: 'a' })).toBe(true);
    expect(state.validateWithReasoning({ reasoning: 'r', answer: { name: 'a' } })).toBe(true);
    expect(state.validateWithReasoning({ reasoning: 'r', answer: {} })).toBe(false);
    expect(planRecipeObject(recipe(true)).columns).toHaveLength(1);
  });
});

describe('a subcategory whose parent can take a value it has no entry for', () => {
  it('is a recipe error naming the missing parent values and the fix', () => {
    const msg = problems({
      records: 4,
      columns: [
        { name: 'topic', kind: 'category', values: ['housing', 'transport', 'health'] },
        { name: 'sub', kind: 'subcategory', parent: 'topic', values: { housing: ['rent'] } },
      ],
    });
    expect(msg).toContain('columns[1].values:');
    expect(msg).toContain(`parent column 'topic' can take "transport", "health", which have no entry here`);
    expect(msg).toContain('add them under values:');
  });

  it('matches number and boolean parent values by their text, as the sampler does', () => {
    expect(
      planRecipeObject({
        records: 2,
        columns: [
          { name: 'level', kind: 'category', values: [1, true] },
          { name: 'sub', kind: 'subcategory', parent: 'level', values: { '1': ['a'], true: ['b'] } },
        ],
      }).columns,
    ).toHaveLength(2);
    expect(
      problems({
        records: 2,
        columns: [
          { name: 'level', kind: 'category', values: [1, 2] },
          { name: 'sub', kind: 'subcategory', parent: 'level', values: { '1': ['a'] } },
        ],
      }),
    ).toContain(`parent column 'level' can take "2", which has no entry here; add it under values:`);
  });

  it('checks a subcategory of a subcategory, and a built-in parent list', () => {
    expect(
      problems({
        records: 2,
        columns: [
          { name: 'topic', kind: 'category', values: ['a'] },
          { name: 'sub', kind: 'subcategory', parent: 'topic', values: { a: ['x', 'y'] } },
          { name: 'subsub', kind: 'subcategory', parent: 'sub', values: { x: ['1'] } },
        ],
      }),
    ).toContain(`parent column 'sub' can take "y"`);
    expect(
      problems({
        records: 2,
        columns: [
          { name: 'tone', kind: 'category', builtin: 'tone' },
          { name: 'sub', kind: 'subcategory', parent: 'tone', values: { formal: ['x'] } },
        ],
      }),
    ).toMatch(/columns\[1\]\.values: parent column 'tone' can take "/);
  });

  it('is not checked when the parent is not known at plan time (a model writes it)', () => {
    expect(
      planRecipeObject({
        records: 2,
        models: { m: { engine: 'openai-compatible', model: 'x', base_url: 'http://127.0.0.1:1/v1' } },
        columns: [
          { name: 'topic', kind: 'llm-text', model: 'm', prompt: 'A topic.' },
          { name: 'sub', kind: 'subcategory', parent: 'topic', values: { a: ['x'] } },
        ],
      }).columns,
    ).toHaveLength(2);
  });
});
