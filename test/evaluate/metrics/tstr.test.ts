import { describe, expect, it } from 'vitest';
import { classificationScores } from '../../../src/evaluate/metrics/classification-scores.js';
import { predict, trainClassifier } from '../../../src/evaluate/metrics/classifier.js';
import { trainOnSyntheticTestOnReal } from '../../../src/evaluate/metrics/tstr.js';

const sports = [
  'the team won the match',
  'a great goal in the final',
  'the striker scored twice',
  'fans cheered the winning team',
  'the coach praised the players',
];
const cooking = [
  'bake the bread for an hour',
  'stir the soup and add salt',
  'chop onions for the sauce',
  'the recipe needs fresh basil',
  'simmer the stew slowly',
];
const label = (texts: string[], l: string) => texts.map((text) => ({ text, label: l }));

describe('trainClassifier / predict', () => {
  const model = trainClassifier([...label(sports, 'sport'), ...label(cooking, 'food')]);
  it('separates a small separable dataset', () => {
    expect(predict(model, 'the team scored a goal')).toBe('sport');
    expect(predict(model, 'add basil to the sauce')).toBe('food');
  });
  it('computes Laplace-smoothed log probabilities', () => {
    // "basil" appears once among food features; P = (1 + 1) / (foodFeatures + V).
    const vocabulary = model.featureLogProbabilities.size;
    const foodFeatures = cooking.reduce((n, t) => n + 2 * t.split(' ').length - 1, 0);
    const food = model.labels.indexOf('food');
    expect(model.featureLogProbabilities.get('basil')![food]).toBeCloseTo(Math.log(2 / (foodFeatures + vocabulary)), 12);
    expect(model.logPriors[food]).toBeCloseTo(Math.log(0.5), 12);
  });
  it('breaks ties toward the alphabetically first label', () => {
    expect(predict(model, 'zzz unseen words')).toBe('food');
  });
});

describe('classificationScores', () => {
  it('computes accuracy and macro-F1 over true and predicted labels', () => {
    // a: tp 1, fn 1 -> F1 2/3; b: tp 1, fp 1 -> F1 2/3; accuracy 2 of 3.
    const scores = classificationScores(['a', 'a', 'b'], ['a', 'b', 'b']);
    expect(scores.accuracy).toBeCloseTo(2 / 3, 12);
    expect(scores.macroF1).toBeCloseTo(2 / 3, 12);
    // An invented label counts with F1 0: a (tp1) 1, c (fp1) 0 -> 0.5.
    expect(classificationScores(['a', 'a'], ['a', 'c']).macroF1).toBeCloseTo((2 / 3 + 0) / 2, 12);
  });
});

describe('trainOnSyntheticTestOnReal', () => {
  const realTest = [
    ...label(['the players won again', 'a late goal for the team'], 'sport'),
    ...label(['bake a loaf of bread', 'the soup needs salt'], 'food'),
  ];
  it('scores synthetic- and real-trained models on real test data with their ratio', () => {
    const result = trainOnSyntheticTestOnReal({
      synthetic: [...label(sports, 'sport'), ...label(cooking, 'food')],
      realTrain: [...label(sports.slice(0, 3), 'sport'), ...label(cooking.slice(0, 3), 'food')],
      realTest,
    });
    expect(result.synthetic).toEqual({ accuracy: 1, macroF1: 1, support: 4 });
    expect(result.real!.accuracy).toBeGreaterThan(0);
    expect(result.ratio!.accuracy).toBeCloseTo(1 / result.real!.accuracy, 12);
  });
  it('reports only TSTR without real training data, and poor synthetic data scores low', () => {
    const swapped = trainOnSyntheticTestOnReal({ synthetic: [...label(sports, 'food'), ...label(cooking, 'sport')], realTest });
    expect(swapped.real).toBeNull();
    expect(swapped.ratio).toBeNull();
    expect(swapped.synthetic.accuracy).toBe(0);
  });
});
