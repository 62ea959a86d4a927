import { wordTokens } from '../../core/tokenize.js';

/**
 * The built-in text classifier for train-on-synthetic/test-on-real: multinomial naive Bayes
 * (McCallum & Nigam 1998, "A Comparison of Event Models for Naive Bayes Text Classification") over
 * word unigrams and bigrams with Laplace (add-one) smoothing.
 *
 * Why naive Bayes rather than logistic regression on hashed features: training is one counting
 * pass with a closed-form solution, so it has no learning rate, epochs, initialisation or seed and
 * gives the same model for the same data on every machine; it trains on 100,000 records in
 * seconds; and with bigrams it is a strong baseline for short-text classification (Wang & Manning
 * 2012, "Baselines and Bigrams: Simple, Good Sentiment and Topic Classification"). TSTR needs a
 * fixed, fair probe of how learnable the synthetic labels are, not a state-of-the-art model.
 *
 * Features never seen in training are ignored at prediction time (as scikit-learn's vectorizers
 * do). Ties between labels go to the alphabetically first label.
 */
export const LAPLACE_ALPHA = 1;

export interface LabeledText {
  text: string;
  label: string;
}

export interface TextClassifier {
  /** Labels, sorted. */
  labels: string[];
  logPriors: number[];
  /** Per feature, log P(feature | label) for each label (index as in `labels`). */
  featureLogProbabilities: Map<string, Float64Array>;
}

/** Unigram and bigram features of a text (bigrams hold one space; unigrams none). */
export function textFeatures(text: string): string[] {
  const tokens = wordTokens(text);
  const features = [...tokens];
  for (let i = 0; i + 1 < tokens.length; i++) features.push(`${tokens[i]} ${tokens[i + 1]}`);
  return features;
}

export function trainClassifier(examples: readonly LabeledText[]): TextClassifier {
  if (examples.length === 0) throw new RangeError('trainClassifier: no examples; give at least one labelled text');
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const documents = new Array<number>(labels.length).fill(0);
  const featureTotals = new Array<number>(labels.length).fill(0);
  const counts = new Map<string, Float64Array>();
  for (const { text, label } of examples) {
    const c = labelIndex.get(label)!;
    documents[c]++;
    for (const feature of textFeatures(text)) {
      let row = counts.get(feature);
      if (row === undefined) {
        row = new Float64Array(labels.length);
        counts.set(feature, row);
      }
      row[c]++;
      featureTotals[c]++;
    }
  }
  const vocabulary = counts.size;
  const denominators = featureTotals.map((total) => Math.log(total + LAPLACE_ALPHA * vocabulary));
  for (const row of counts.values()) {
    for (let c = 0; c < labels.length; c++) row[c] = Math.log(row[c] + LAPLACE_ALPHA) - denominators[c];
  }
  return {
    labels,
    logPriors: documents.map((d) => Math.log(d / examples.length)),
    featureLogProbabilities: counts,
  };
}

/** The most probable label for `text`. */
export function predict(model: TextClassifier, text: string): string {
  const scores = [...model.logPriors];
  for (const feature of textFeatures(text)) {
    const row = model.featureLogProbabilities.get(feature);
    if (row === undefined) continue;
    for (let c = 0; c < scores.length; c++) scores[c] += row[c];
  }
  let best = 0;
  for (let c = 1; c < scores.length; c++) if (scores[c] > scores[best]) best = c;
  return model.labels[best];
}
