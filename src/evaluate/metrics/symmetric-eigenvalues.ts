/**
 * Eigenvalues of a real symmetric matrix by the cyclic Jacobi method with Rutishauser's
 * refinements (threshold sweeps in the first three, skipping negligible elements later, and
 * accumulating diagonal updates separately), as written up in Numerical Recipes (Press et al.,
 * 3rd ed., section 11.1). Why Jacobi: it is short, needs no tridiagonalisation or shifts, and is
 * accurate for small eigenvalues, which matter for the entropy in the Vendi score.
 *
 * Cost: about n^3 multiply-adds per sweep and typically 6-10 sweeps, so n = 500 takes seconds;
 * callers keep n at a few hundred (see vendi.ts).
 *
 * `matrix` is row-major n x n and is overwritten. Returns the eigenvalues in descending order.
 */
export function symmetricEigenvalues(matrix: Float64Array, n: number, maxSweeps = 50): Float64Array {
  if (matrix.length !== n * n) throw new RangeError(`symmetricEigenvalues: expected ${n * n} entries, got ${matrix.length}`);
  const a = matrix;
  const d = new Float64Array(n);
  const b = new Float64Array(n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = b[i] = a[i * n + i];

  const rotate = (i: number, j: number, k: number, l: number, s: number, tau: number): void => {
    const g = a[i * n + j];
    const h = a[k * n + l];
    a[i * n + j] = g - s * (h + g * tau);
    a[k * n + l] = h + s * (g - h * tau);
  };

  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) off += Math.abs(a[p * n + q]);
    if (off === 0 || off < 1e-300) break;
    const threshold = sweep < 4 ? (0.2 * off) / (n * n) : 0;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        const g = 100 * Math.abs(apq);
        if (sweep > 4 && Math.abs(d[p]) + g === Math.abs(d[p]) && Math.abs(d[q]) + g === Math.abs(d[q])) {
          a[p * n + q] = 0;
        } else if (Math.abs(apq) > threshold) {
          let h = d[q] - d[p];
          let t: number;
          if (Math.abs(h) + g === Math.abs(h)) t = apq / h;
          else {
            const theta = (0.5 * h) / apq;
            t = 1 / (Math.abs(theta) + Math.sqrt(1 + theta * theta));
            if (theta < 0) t = -t;
          }
          const c = 1 / Math.sqrt(1 + t * t);
          const s = t * c;
          const tau = s / (1 + c);
          h = t * apq;
          z[p] -= h;
          z[q] += h;
          d[p] -= h;
          d[q] += h;
          a[p * n + q] = 0;
          for (let j = 0; j < p; j++) rotate(j, p, j, q, s, tau);
          for (let j = p + 1; j < q; j++) rotate(p, j, j, q, s, tau);
          for (let j = q + 1; j < n; j++) rotate(p, j, q, j, s, tau);
        }
      }
    }
    for (let p = 0; p < n; p++) {
      b[p] += z[p];
      d[p] = b[p];
      z[p] = 0;
    }
  }
  return d.sort().reverse();
}
