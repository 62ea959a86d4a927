import { type ClassificationScores, classificationScores } from './classification-scores.js';
import { type LabeledText, predict, trainClassifier } from './classifier.js';

/**
 * Train on synthetic, test on real (TSTR; Esteban, Hyland & Rätsch 2017, "Real-valued (Medical)
 * Time Series Generation with Recurrent Conditional GANs"): a model trained only on the synthetic
 * data is scored on held-out real data. With real training data too (TRTR), the ratio
 * synthetic / real says how much of the real data's usefulness the synthetic data recovers
 * (1 = as useful). The classifier is the built-in naive Bayes (classifier.ts).
 */
export interface TstrInput {
  synthetic: readonly LabeledText[];
  /** Real training data for the real-trained baseline; without it only TSTR is reported. */
  realTrain?: readonly LabeledText[];
  realTest: readonly LabeledText[];
}

export interface TstrResult {
  synthetic: ClassificationScores;
  real: ClassificationScores | null;
  /** synthetic / real per score; null without a real baseline (or a zero real score). */
  ratio: { accuracy: number | null; macroF1: number | null } | null;
}

export function trainOnSyntheticTestOnReal(input: TstrInput): TstrResult {
  if (input.realTest.length === 0) throw new RangeError('trainOnSyntheticTestOnReal: realTest is empty; give held-out real examples');
  const truth = input.realTest.map((e) => e.label);
  const score = (train: readonly LabeledText[]): ClassificationScores => {
    const model = trainClassifier(train);
    return classificationScores(
      truth,
      input.realTest.map((e) => predict(model, e.text)),
    );
  };
  const synthetic = score(input.synthetic);
  if (input.realTrain === undefined || input.realTrain.length === 0) return { synthetic, real: null, ratio: null };
  const real = score(input.realTrain);
  return {
    synthetic,
    real,
    ratio: {
      accuracy: real.accuracy === 0 ? null : synthetic.accuracy / real.accuracy,
      macroF1: real.macroF1 === 0 ? null : synthetic.macroF1 / real.macroF1,
    },
  };
}
