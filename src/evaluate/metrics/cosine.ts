/** Embeddings as given by callers: plain arrays or typed arrays, one row per item. */
export type Embeddings = readonly (readonly number[] | Float32Array | Float64Array)[];

/**
 * Rows scaled to unit length, so that a dot product is a cosine similarity. A zero or non-finite
 * row has no direction; it is an error (naming the row) rather than a silent NaN in the report.
 */
export function unitRows(embeddings: Embeddings, caller: string): Float64Array[] {
  const dimension = embeddings.length === 0 ? 0 : embeddings[0].length;
  return embeddings.map((row, i) => {
    if (row.length !== dimension) {
      throw new RangeError(`${caller}: embedding ${i} has ${row.length} dimensions, embedding 0 has ${dimension}`);
    }
    let norm = 0;
    for (let k = 0; k < row.length; k++) norm += row[k] * row[k];
    norm = Math.sqrt(norm);
    if (!(norm > 0) || !Number.isFinite(norm)) {
      throw new RangeError(`${caller}: embedding ${i} is zero or not finite; every item needs a direction`);
    }
    const unit = new Float64Array(row.length);
    for (let k = 0; k < row.length; k++) unit[k] = row[k] / norm;
    return unit;
  });
}

export function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += a[k] * b[k];
  return sum;
}
