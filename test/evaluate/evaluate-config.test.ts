import { describe, expect, it } from 'vitest';
import { parseEvaluateConfigObject, parseEvaluateConfigYaml } from '../../src/evaluate/load-evaluate-config.js';
import { RecipeError } from '../../src/recipe/recipe-error.js';

function issuesOf(fn: () => unknown): RecipeError['issues'] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RecipeError);
    return (error as RecipeError).issues;
  }
  throw new Error('expected a RecipeError');
}

describe('evaluation config', () => {
  it('accepts an empty file as the default config', () => {
    expect(parseEvaluateConfigYaml('', 'e.yaml')).toEqual({ models: {} });
  });

  it('names the file, line and path of every problem', () => {
    const text = ['columns: [feedback]', 'diversity:', '  self_bleu_smaple: 10', 'fail_on:', '  - metric: pii.total', '  - { metric: x, min: "high" }'].join(
      '\n',
    );
    const issues = issuesOf(() => parseEvaluateConfigYaml(text, 'e.yaml'));
    expect(issues).toEqual([
      {
        path: ['diversity'],
        message: "unknown field 'self_bleu_smaple' (did you mean 'self_bleu_sample'?); check the spelling against the documented fields",
        line: 3,
        column: 3,
      },
      { path: ['fail_on', 0], message: 'set min or max (or both)', line: 5, column: 5 },
      { path: ['fail_on', 1, 'min'], message: 'expected number, got string "high"', line: 6, column: 23 },
    ]);
    expect(() => parseEvaluateConfigYaml(text, 'e.yaml')).toThrow(
      /invalid evaluation config e\.yaml \(3 problems\):\n {2}e\.yaml:3:3 diversity: unknown field/,
    );
  });

  it('checks that LLM checks name a defined model, and signal syntax', () => {
    const issues = issuesOf(() =>
      parseEvaluateConfigObject({
        factualness: { model: 'judge', field: 'answer', sources_field: '_sources.answer' },
        bias: { groups: ['persona.region'], signals: ['share:sentiment'] },
      }),
    );
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      [['factualness', 'model'], "unknown model 'judge'; define it under models"],
      [['bias', 'signals', 0], 'expected share:FIELD=VALUE, e.g. share:sentiment=negative'],
    ]);
  });

  it('prefixes paths for a recipe section', () => {
    const issues = issuesOf(() => parseEvaluateConfigObject({ fail_on: [{ metric: 'pii.total' }] }, 'recipe.yaml', ['evaluate']));
    expect(issues[0].path).toEqual(['evaluate', 'fail_on', 0]);
  });
});

describe('examples/stages/evaluate-healthhub.yaml', () => {
  it('is a valid config', async () => {
    const { loadEvaluateConfigFile } = await import('../../src/evaluate/load-evaluate-config.js');
    const config = loadEvaluateConfigFile(new URL('../../examples/stages/evaluate-healthhub.yaml', import.meta.url).pathname);
    expect(config.fail_on).toHaveLength(3);
    expect(config.bias?.groups).toEqual(['persona.age_band', 'persona.gender', 'persona.region']);
  });
});
