/**
 * Exact cosine nearest neighbours over the chunk embeddings held in memory. A scan is exact and,
 * at 384-1024 dimensions, takes a few milliseconds per 10,000 chunks: an approximate index (HNSW)
 * would only pay off well past the sizes a grounding corpus for synthetic data usually has.
 */
export interface VectorHit {
  index: number;
  score: number;
}

export function normalize(vector: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i] * vector[i];
  norm = Math.sqrt(norm) || 1;
  const out = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = vector[i] / norm;
  return out;
}

/** `vectors` must be normalized (see `normalize`); undefined entries (chunks without embedding) are passed over. */
export function cosineTopK(query: ArrayLike<number>, vectors: readonly (Float32Array | undefined)[], topK: number): VectorHit[] {
  const q = normalize(query);
  const hits: VectorHit[] = [];
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i];
    if (v === undefined || v.length !== q.length) continue;
    let dot = 0;
    for (let j = 0; j < q.length; j++) dot += q[j] * v[j];
    hits.push({ index: i, score: dot });
  }
  return hits.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, topK);
}
