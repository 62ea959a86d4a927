import { type Embeddings, unitRows } from './cosine.js';
import { sampleIndices } from './sample-indices.js';
import { symmetricEigenvalues } from './symmetric-eigenvalues.js';

/**
 * The Vendi score (Friedman & Dieng 2023, "The Vendi Score: A Diversity Evaluation Metric for
 * Machine Learning", TMLR): exp of the Shannon entropy of the eigenvalues of K / n, with K the
 * n x n cosine similarity matrix. It reads as an "effective number of distinct items": 1 when all
 * items are the same, n when they are mutually orthogonal.
 *
 * With unit rows X (n x d), K = X X^T and X^T X (d x d) share their non-zero eigenvalues (the
 * paper's section 3 notes this), so the smaller of the two is decomposed.
 *
 * Above `maxItems` (default 500) a seeded uniform sample of items is scored: the Jacobi solver is
 * O(m^3) per sweep (see symmetric-eigenvalues.ts). The score of a sample estimates the score's
 * per-item behaviour, but note it is bounded by the sample size, so compare scores at equal size.
 */
export const VENDI_DEFAULTS = { maxItems: 500, seed: 'vendi' } as const;

export interface VendiOptions {
  maxItems?: number;
  seed?: number | string;
}

/** The Vendi score of the items' embeddings; NaN for no items. */
export function vendiScore(embeddings: Embeddings, options: VendiOptions = {}): number {
  const maxItems = options.maxItems ?? VENDI_DEFAULTS.maxItems;
  if (!Number.isInteger(maxItems) || maxItems < 1) throw new RangeError(`vendiScore: maxItems must be a positive integer, got ${maxItems}`);
  if (embeddings.length === 0) return Number.NaN;
  const chosen = sampleIndices(embeddings.length, maxItems, options.seed ?? VENDI_DEFAULTS.seed);
  const rows = unitRows(
    chosen.map((i) => embeddings[i]),
    'vendiScore',
  );
  const n = rows.length;
  const d = rows[0].length;

  let size: number;
  let matrix: Float64Array;
  if (n <= d) {
    size = n;
    matrix = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let sum = 0;
        const a = rows[i];
        const b = rows[j];
        for (let k = 0; k < d; k++) sum += a[k] * b[k];
        matrix[i * n + j] = matrix[j * n + i] = sum / n;
      }
    }
  } else {
    size = d;
    matrix = new Float64Array(d * d);
    for (const row of rows) {
      for (let i = 0; i < d; i++) {
        const ri = row[i] / n;
        if (ri === 0) continue;
        for (let j = i; j < d; j++) matrix[i * d + j] += ri * row[j];
      }
    }
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) matrix[i * d + j] = matrix[j * d + i];
  }

  let entropy = 0;
  for (const lambda of symmetricEigenvalues(matrix, size)) {
    // Round-off leaves tiny negative or near-zero eigenvalues; 0 log 0 = 0 by convention.
    if (lambda > 1e-12) entropy -= lambda * Math.log(lambda);
  }
  return Math.exp(entropy);
}
