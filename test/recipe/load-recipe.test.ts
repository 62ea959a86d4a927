import { describe, expect, it } from 'vitest';
import { parseRecipeYaml, planRecipeObject } from '../../src/recipe/load-recipe.js';
import { RecipeError } from '../../src/recipe/recipe-error.js';

function problems(yaml: string): string {
  try {
    parseRecipeYaml(yaml, 'r.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(RecipeError);
    return (error as Error).message;
  }
  throw new Error('expected the recipe to be rejected');
}

const llmModel = `models:
  m: { engine: local, path: x.gguf }
`;

describe('recipe loading', () => {
  it('plans a valid recipe in dependency order', () => {
    const plan = parseRecipeYaml(`records: 3
seed: 1
${llmModel}columns:
  - { name: answer, kind: llm-text, model: m, prompt: "Answer {{ question }}" }
  - { name: question, kind: llm-text, model: m, prompt: "Ask about {{ topic }}" }
  - { name: topic, kind: category, values: [a, b], weights: [1, 3] }
`);
    expect(plan.columns.map((c) => c.column.name)).toEqual(['topic', 'question', 'answer']);
    expect(plan.seed).toBe(1);
  });

  it('rejects an unknown column kind with file, line and the kinds expected', () => {
    const msg = problems(`records: 2
columns:
  - name: a
    kind: catgory
    values: [x]
`);
    expect(msg).toContain('r.yaml:4:11 columns[0].kind');
    expect(msg).toContain('expected one of: category, subcategory');
  });

  it('rejects a missing field and a bad type, naming each path', () => {
    const msg = problems(`records: ten
columns:
  - name: a
    kind: integer
    min: 1
`);
    expect(msg).toMatch(/records: expected number, got string "ten"/);
    expect(msg).toMatch(/columns\[0\]\.max: expected number, got nothing \(the field is missing\)/);
  });

  it('rejects weights that are not numbers, or do not match the values', () => {
    expect(
      problems(`records: 1
columns:
  - { name: a, kind: category, values: [x, y], weights: [1, heavy] }
`),
    ).toMatch(/r\.yaml:3:\d+ columns\[0\]\.weights\[1\]: expected number, got string "heavy"/);
    expect(
      problems(`records: 1
columns:
  - { name: a, kind: category, values: [x, y], weights: [1] }
`),
    ).toContain('has 1 weights for 2 values');
  });

  it('says out-of-range numbers and empty lists in words, with the value given', () => {
    const message = problems(`records: -5
columns:
  - { name: a, kind: category, values: [] }
`);
    expect(message).toContain('records: must be above 0 (got -5)');
    expect(message).toContain('columns[0].values: needs at least 1 item (got an empty list)');
    expect(message).not.toMatch(/Too small/);
  });

  it('rejects unknown fields (typos) instead of ignoring them', () => {
    expect(
      problems(`records: 1
columns:
  - { name: a, kind: category, values: [x], wieghts: [1] }
`),
    ).toContain("unknown field 'wieghts' (did you mean 'weights'?)");
  });

  const slippedSchema = `  - name: obj
    kind: llm-object
    model: m
    prompt: Write one.
    schema: { type: object, properties: { title: { type: strng }, n: { type: int } }, required: [titel] }
`;
  it('suggests the nearest name for a misspelt kind, model, column or schema type, and nothing for a wrong word', () => {
    const message = problems(`records: 1
${llmModel}columns:
  - { name: topic, kind: categroy, values: [a] }
  - { name: text, kind: llm-text, model: n, prompt: "About {{ topc }}", temprature: 0.2 }
${slippedSchema}`);
    expect(message).toContain("unknown or missing kind (did you mean 'category'?)");
    expect(message).toContain("unknown field 'temprature' (did you mean 'temperature'?)");
    const refs = problems(`records: 1
${llmModel}columns:
  - { name: topic, kind: category, values: [a] }
  - { name: text, kind: llm-text, model: n, prompt: "About {{ topc }} and {{ banana }}" }
${slippedSchema}`);
    expect(refs).toContain("refers to unknown column 'topc' (did you mean 'topic'?)");
    expect(refs).toContain("refers to unknown column 'banana' (known");
    expect(refs).toContain("unknown model 'n'; define it");
    expect(refs).toContain(`columns[2].schema.properties.title.type: "strng" is not a JSON Schema type (did you mean 'string'?)`);
    expect(refs).toContain(`columns[2].schema.properties.n.type: "int" is not a JSON Schema type (did you mean 'integer'?)`);
    expect(refs).toContain("columns[2].schema.required[0]: requires 'titel', which properties does not define (did you mean 'title'?)");
    // Legal open schemas are left alone: a required name may come from a combinator.
    expect(() =>
      parseRecipeYaml(`records: 1
${llmModel}columns:
  - name: obj
    kind: llm-object
    model: m
    prompt: Write one.
    schema: { type: object, properties: { a: { type: string } }, allOf: [{ properties: { b: { type: string } } }], required: [b] }
`),
    ).not.toThrow();
  });

  it('rejects references to missing columns and cycles, before any model call', () => {
    expect(
      problems(`records: 1
${llmModel}columns:
  - { name: a, kind: llm-text, model: m, prompt: "{{ nope }}" }
`),
    ).toContain("unknown column 'nope'");
    expect(
      problems(`records: 1
${llmModel}columns:
  - { name: a, kind: llm-text, model: m, prompt: "{{ b }}" }
  - { name: b, kind: expression, template: "{{ a }}" }
`),
    ).toMatch(/cycle: a -> b -> a/);
  });

  it('rejects an invalid JSON Schema and an unknown model', () => {
    const msg = problems(`records: 1
${llmModel}columns:
  - name: a
    kind: llm-object
    model: other
    prompt: hi
    schema: { type: objekt }
`);
    expect(msg).toContain("columns[0].model: unknown model 'other'");
    expect(msg).toContain(`columns[0].schema.type: "objekt" is not a JSON Schema type (did you mean 'object'?)`);
  });

  it('rejects an unknown engine and a key placed in the recipe', () => {
    expect(
      problems(`records: 1
models:
  m: { engine: gpt }
columns:
  - { name: a, kind: category, values: [x] }
`),
    ).toContain('models.m.engine: unknown or missing engine; expected one of: local, openai');
    expect(
      problems(`records: 1
models:
  m: { engine: openai, model: gpt-4o-mini, api_key: sk-123 }
columns:
  - { name: a, kind: category, values: [x] }
`),
    ).toContain("unknown field 'api_key'");
  });

  it('reports YAML syntax errors with a line', () => {
    expect(problems('records: 1\ncolumns: [\n')).toMatch(/r\.yaml:\d+:\d+ \(top level\): YAML syntax/);
  });

  it('accepts a typed object from TypeScript', () => {
    const plan = planRecipeObject({ records: 2, columns: [{ name: 'n', kind: 'integer', min: 1, max: 3 }] });
    expect(plan.recipe.records).toBe(2);
  });
});
