/**
 * The cheap classifier active learning trains on reviewed records: multinomial naive Bayes over
 * word tokens with add-one (Laplace) smoothing (Manning, Raghavan & Schütze, "Introduction to
 * Information Retrieval", 2008, section 13.2). Fast enough to retrain after every review round,
 * and its posterior doubles as a confidence.
 */
import { wordTokens } from '../core/tokenize.js';

export interface TextClassifier {
  labels: string[];
  predict(text: string): { label: string; confidence: number };
}

export function trainTextClassifier(examples: readonly { text: string; label: string }[]): TextClassifier {
  if (examples.length === 0) throw new RangeError('trainTextClassifier: no examples (review some records first)');
  const docs = new Map<string, number>();
  const counts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  const vocabulary = new Set<string>();
  for (const { text, label } of examples) {
    docs.set(label, (docs.get(label) ?? 0) + 1);
    const c = counts.get(label) ?? new Map<string, number>();
    counts.set(label, c);
    for (const w of wordTokens(text)) {
      c.set(w, (c.get(w) ?? 0) + 1);
      totals.set(label, (totals.get(label) ?? 0) + 1);
      vocabulary.add(w);
    }
  }
  const labels = [...docs.keys()].sort();
  const v = vocabulary.size + 1;
  return {
    labels,
    predict(text) {
      const words = wordTokens(text);
      const logs = labels.map((label) => {
        let lp = Math.log(docs.get(label)! / examples.length);
        const c = counts.get(label)!;
        const total = totals.get(label) ?? 0;
        for (const w of words) lp += Math.log(((c.get(w) ?? 0) + 1) / (total + v));
        return lp;
      });
      const max = Math.max(...logs);
      const exps = logs.map((l) => Math.exp(l - max));
      const sum = exps.reduce((a, b) => a + b, 0);
      let best = 0;
      for (let i = 1; i < labels.length; i++) if (exps[i] > exps[best]) best = i;
      return { label: labels[best], confidence: exps[best] / sum };
    },
  };
}
