/**
 * Flags a generated output that copies one of the few-shot examples it was shown. Models given
 * examples sometimes hand one back verbatim or with a word changed; such a record adds nothing to
 * the dataset and leaks the user's examples into it, so the engine marks it for a retry or review.
 *
 * Two tests, on text normalised to lower-case words (Unicode NFKC, punctuation and spacing
 * ignored):
 * - verbatim: the whole example appears inside the output, or the whole output (at least `n`
 *   words, so a one-word answer like "yes" is not flagged) appears inside the example;
 * - near copy: word n-gram similarity at or above `threshold`, where similarity is the larger of
 *   the Jaccard resemblance and the containment of the example's n-grams in the output (Broder,
 *   "On the resemblance and containment of documents", 1997). Containment catches an example
 *   copied with text added around it, which Jaccard alone would score low.
 */
import { FewShotError } from './load-examples.js';

export interface CopyCheckOptions {
  /** Similarity at or above which an output is a near copy. Default 0.8. */
  threshold?: number;
  /** Words per shingle. Default 3: word trigrams are a common shingle size for near-duplicate text. */
  n?: number;
}

export interface CopiedExample {
  /** Position of the copied example in `examples`. */
  index: number;
  /** Word n-gram similarity in [0, 1] (see above). */
  similarity: number;
  verbatim: boolean;
}

/** The example `output` copies (verbatim first, then the most similar; ties to the lower index), or undefined. */
export function copiedExample(output: string, examples: readonly string[], options: CopyCheckOptions = {}): CopiedExample | undefined {
  const { threshold = 0.8, n = 3 } = options;
  if (!(threshold > 0 && threshold <= 1)) throw new FewShotError(`copy check threshold must be in (0, 1], got ${String(threshold)}`);
  if (!Number.isSafeInteger(n) || n < 1) throw new FewShotError(`copy check n must be a whole number >= 1, got ${String(n)}`);

  const outWords = words(output);
  if (outWords.length === 0) return undefined;
  const outText = ` ${outWords.join(' ')} `;
  const outGrams = shingles(outWords, n);

  let best: CopiedExample | undefined;
  examples.forEach((example, index) => {
    const exWords = words(example);
    if (exWords.length === 0) return;
    const exText = ` ${exWords.join(' ')} `;
    // Padding with spaces makes containment whole-word: "cat" is not inside "concatenate".
    const verbatim = outText.includes(exText) || (outWords.length >= n && exText.includes(outText));
    const similarity = similarityOf(outGrams, shingles(exWords, n));
    const candidate = { index, similarity, verbatim };
    if (!verbatim && similarity < threshold) return;
    if (!best || better(candidate, best)) best = candidate;
  });
  return best;
}

function better(a: CopiedExample, b: CopiedExample): boolean {
  if (a.verbatim !== b.verbatim) return a.verbatim;
  return a.similarity > b.similarity;
}

function similarityOf(out: Set<string>, ex: Set<string>): number {
  let shared = 0;
  for (const gram of ex) if (out.has(gram)) shared++;
  const jaccard = shared / (out.size + ex.size - shared);
  const containment = shared / ex.size;
  return Math.max(jaccard, containment);
}

/** Word n-grams; a text shorter than n words is one shingle of all its words. */
function shingles(list: readonly string[], n: number): Set<string> {
  if (list.length <= n) return new Set([list.join(' ')]);
  const grams = new Set<string>();
  for (let i = 0; i + n <= list.length; i++) grams.add(list.slice(i, i + n).join(' '));
  return grams;
}

function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}
