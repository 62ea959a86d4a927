/**
 * The metric registry: evaluate.yaml's sections come from it, evaluate runs every metric in it,
 * a metric defined in one module runs once registered (config, metrics.json, thresholds, report),
 * and evaluating nothing is an error.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SynthkitError } from '../../src/core/synthkit-error.js';
import { evaluateConfigSchema, evaluateConfigSchemaFor } from '../../src/evaluate/config-schema.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { parseEvaluateConfigObject, parseEvaluateConfigYaml } from '../../src/evaluate/load-evaluate-config.js';
import { EVALUATION_METRICS } from '../../src/evaluate/metric-registry.js';
import { RecipeError } from '../../src/recipe/recipe-error.js';
import { DatasetError } from '../../src/store/read-dataset.js';
import { tempDir } from '../support/paths.js';
import { questionsMetric } from './custom/questions-metric.js';

const records = [
  { _id: 1, text: 'How many vaccination slots are open at the clinic this week?' },
  { _id: 2, text: 'The booking page froze twice before I could confirm my slot.' },
  { _id: 3, text: 'Can I move my appointment to a later day next month?' },
  { _id: 4, text: 'Lab results arrived the same evening, which saved me a trip.' },
];

describe('metric registry', () => {
  it('is where the config sections come from', () => {
    const keys = Object.keys(evaluateConfigSchema.shape);
    expect(keys).toEqual(['models', 'columns', 'seed', ...EVALUATION_METRICS.flatMap((m) => Object.keys(m.config)), 'fail_on']);
    expect(() => evaluateConfigSchemaFor([...EVALUATION_METRICS, { ...questionsMetric, config: { privacy: questionsMetric.config.questions } }])).toThrow(
      "evaluation metric 'questions' claims config key 'privacy', already taken by 'privacy'",
    );
  });

  it('runs a metric defined in one module once it is registered', async () => {
    const dir = tempDir();
    const metrics = [...EVALUATION_METRICS, questionsMetric];
    const result = await evaluate(records, { questions: { field: 'text' }, fail_on: [{ metric: 'questions.share', max: 0.25 }] }, { out: dir, metrics });
    expect(result.metrics.questions).toEqual({ field: 'text', texts: 4, questions: 2, share: 0.5 });
    // Its entry sits beside the built-in ones, and thresholds read it by path.
    expect(result.metrics.pii.total).toBe(0);
    expect(result.metrics.thresholds).toEqual([
      { metric: 'questions.share', max: 0.25, value: 0.5, passed: false, message: 'questions.share = 0.5000 is above the maximum 0.25' },
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')).questions.share).toBe(0.5);
    const report = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(report).toContain(
      '<section id="questions"><h2>Questions</h2><p class="note">2 of 4 texts of <code>text</code> end with a question mark.</p></section>',
    );
    expect(report).toContain('<div class="label">questions</div><div class="value">50.0%</div>');
    // Its section sits after the built-in ones, before model usage.
    expect(report.indexOf('id="questions"')).toBeGreaterThan(report.indexOf('id="privacy"'));
  });

  it('validates a registered section like a built-in one, and only where it is registered', () => {
    const metrics = [...EVALUATION_METRICS, questionsMetric];
    expect(parseEvaluateConfigYaml('questions:\n  field: text\n', 'e.yaml', metrics)).toEqual({ models: {}, questions: { field: 'text' } });
    expect(() => parseEvaluateConfigYaml('questions:\n  feild: text\n', 'e.yaml', metrics)).toThrow(/e\.yaml:2:3 questions: unknown field 'feild'/);
    expect(() => parseEvaluateConfigObject({ questions: {} })).toThrow(RecipeError);
    expect(() => parseEvaluateConfigObject({ questions: {} })).toThrow(/unknown field 'questions'/);
  });
});

describe('evaluating nothing', () => {
  it('an empty file is a DatasetError, and nothing is written', async () => {
    const dir = tempDir();
    const file = join(dir, 'empty.jsonl');
    writeFileSync(file, '\n\n');
    const error = await evaluate(file, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(SynthkitError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(`${file} holds no records; nothing to evaluate`);
    expect(() => readFileSync(join(dir, 'empty.evaluation', 'metrics.json'))).toThrow();
  });

  it('so is a run directory with an empty dataset, and an empty list of records', async () => {
    const run = tempDir();
    mkdirSync(run, { recursive: true });
    writeFileSync(join(run, 'dataset.jsonl'), '');
    await expect(evaluate(run, {})).rejects.toThrow(new DatasetError(`${run} holds no records; nothing to evaluate`));
    await expect(evaluate([], {}, { write: false })).rejects.toThrow(new DatasetError('no records were given; nothing to evaluate'));
  });
});
