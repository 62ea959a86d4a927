/**
 * Accuracy and macro-averaged F1 of predicted against true labels. Macro-F1 averages the per-label
 * F1 = 2TP / (2TP + FP + FN) over every label that is true or predicted at least once, as
 * scikit-learn's f1_score(average="macro") does, so a label the model invents is penalised.
 */
export interface ClassificationScores {
  accuracy: number;
  macroF1: number;
  /** Examples scored. */
  support: number;
}

export function classificationScores(truth: readonly string[], predicted: readonly string[]): ClassificationScores {
  if (truth.length !== predicted.length) {
    throw new RangeError(`classificationScores: ${truth.length} true labels but ${predicted.length} predictions`);
  }
  if (truth.length === 0) return { accuracy: Number.NaN, macroF1: Number.NaN, support: 0 };
  const tally = new Map<string, { tp: number; fp: number; fn: number }>();
  const entry = (label: string) => {
    let t = tally.get(label);
    if (t === undefined) {
      t = { tp: 0, fp: 0, fn: 0 };
      tally.set(label, t);
    }
    return t;
  };
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    if (truth[i] === predicted[i]) {
      correct++;
      entry(truth[i]).tp++;
    } else {
      entry(truth[i]).fn++;
      entry(predicted[i]).fp++;
    }
  }
  let f1Sum = 0;
  for (const { tp, fp, fn } of tally.values()) f1Sum += (2 * tp) / (2 * tp + fp + fn);
  return { accuracy: correct / truth.length, macroF1: f1Sum / tally.size, support: truth.length };
}
