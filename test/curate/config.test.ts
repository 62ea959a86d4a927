import { describe, expect, it } from 'vitest';
import { parseCurateConfigObject, parseCurateConfigYaml } from '../../src/curate/load-curate-config.js';
import { RecipeError } from '../../src/recipe/recipe-error.js';
import { stageNameOf } from '../../src/curate/config-schema.js';

function problems(yaml: string): string[] {
  try {
    parseCurateConfigYaml(yaml, 'curate.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(RecipeError);
    expect((error as Error).message).toMatch(/^invalid curation config curate.yaml/);
    return (error as Error).message
      .split('\n')
      .slice(1)
      .map((l) => l.trim());
  }
  throw new Error('expected the config to fail');
}

describe('curation config', () => {
  it('accepts a full config and names stages', () => {
    const config = parseCurateConfigYaml(`
models:
  judge: { engine: openai-compatible, model: m, base_url: "http://localhost:1/v1" }
text_field: feedback
stages:
  - stage: length
    min_words: 3
  - stage: gopher-quality
    min_words: 3
  - stage: near-dedup
    keep: best-score
  - stage: judge
    model: judge
    rubric: { criteria: helpful, scale: [1, 2, 3], levels: { "1": bad, "3": good } }
  - stage: weight
    formula: judge.score / 3
`);
    expect(config.stages.map(stageNameOf)).toEqual(['length', 'gopher_quality', 'near_dedup', 'judge', 'weight']);
  });

  it('an unknown stage names its path and line', () => {
    expect(problems('stages:\n  - stage: length\n  - stage: dedup\n')).toEqual([
      expect.stringMatching(/^curate.yaml:3:\d+ stages\[1\]\.stage: unknown or missing stage; expected one of: length, /),
    ]);
  });

  it('an unknown field names its path and line', () => {
    expect(problems('stages:\n  - stage: c4\n    min_sentence: 1\n')).toEqual([
      "curate.yaml:2:5 stages[0]: unknown field 'min_sentence' (did you mean 'min_sentences'?); check the spelling against the documented fields",
    ]);
    expect(problems('stges: []\n')).toContainEqual(expect.stringMatching(/unknown field 'stges'/));
  });

  it('bad expressions, regexes, models, levels and duplicate names are all reported at once', () => {
    const lines = problems(`
models:
  a: { engine: local }
stages:
  - stage: expression
    rule: "feedback.__proto__ == 1"
    reason: x
  - stage: regex
    must_match: ["(unclosed"]
  - stage: judge
    models: [a, b]
    rubric: { criteria: c, scale: [1, 2], levels: { "3": x } }
  - stage: length
  - stage: length
  - stage: weight
    formula: "1"
    min: 2
`);
    expect(lines).toHaveLength(6);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^curate.yaml:6:11 stages\[0\]\.rule: expression does not parse: '__proto__' is not allowed/),
        expect.stringMatching(/^curate.yaml:9:18 stages\[1\]\.must_match\[0\]: not a valid regular expression/),
        expect.stringMatching(/^curate.yaml:12:\d+ stages\[2\]\.rubric\.levels\.3: level 3 is not on the scale \[1, 2\]/),
        expect.stringMatching(/^curate.yaml:15:5 stages\[5\]: min must be <= 1 <= max/),
        expect.stringMatching(/^curate.yaml:14:5 stages\[4\]\.name: stage name 'length' is already used by stages\[3\]/),
        "curate.yaml:11:17 stages[2].models[1]: unknown model 'b'; defined: a",
      ]),
    );
  });

  it('a recipe section reports paths under its prefix', () => {
    try {
      parseCurateConfigObject({ stages: [{ stage: 'length', max: 3 }] }, 'recipe.yaml', ['curate']);
      throw new Error('expected failure');
    } catch (error) {
      expect((error as RecipeError).issues[0].path).toEqual(['curate', 'stages', 0]);
    }
  });
});

describe('the example curation config', () => {
  it('examples/stages/curate-healthhub.yaml is valid', async () => {
    const { loadCurateConfigFile } = await import('../../src/curate/load-curate-config.js');
    const { ROOT } = await import('../support/paths.js');
    const config = loadCurateConfigFile(`${ROOT}/examples/stages/curate-healthhub.yaml`);
    expect(config.text_field).toBe('feedback');
    expect(config.stages.at(-1)).toMatchObject({ stage: 'weight' });
  });
});
