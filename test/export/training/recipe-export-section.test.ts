import { describe, expect, it } from 'vitest';
import { parseRecipeYaml } from '../../../src/pipeline/load-pipeline-recipe.js';

const recipe = (exportSection: string) => `records: 2
columns:
  - name: question
    kind: category
    values: [a, b]
export:
${exportSection}`;

describe("a recipe's export: section", () => {
  it('is parsed with the recipe', () => {
    const plan = parseRecipeYaml(recipe('  formats: [trl-conversational]\n  mapping: { user: question, assistant: question }\n'), 'r.yaml');
    expect(plan.export).toEqual({ formats: ['trl-conversational'], mapping: { user: 'question', assistant: 'question' } });
  });

  it('reports a bad format, a bad split and an unknown key with line and path', () => {
    let message = '';
    try {
      parseRecipeYaml(recipe('  formats: [alpacca]\n  split: { ratios: { train: 0.5 } }\n  mappings: {}\n'), 'r.yaml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("r.yaml:7:13 export.formats[0]: unknown format 'alpacca'; expected one of raw, openai-chat");
    expect(message).toContain('r.yaml:8:20 export.split.ratios: ratios must sum to 1, got 0.5');
    expect(message).toContain("export: unknown field 'mappings'");
  });
});
