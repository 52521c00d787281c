// Linear regression by least squares: the baseline a regression network is measured against (the
// same inputs, no hidden layer), solved exactly rather than trained, so its numbers are the best a
// straight line can do.

export interface LinearFit {
  weights: number[];
  bias: number;
}

/** Solves min ||X w + b - y||^2 over `rows` rows of `width` features (normal equations, tiny ridge for stability). */
export function fitLinear(x: Float32Array, y: Float32Array, rows: number, width: number): LinearFit {
  const n = width + 1; // the last column is the bias' constant 1
  const a = Array.from({ length: n }, () => new Float64Array(n + 1));
  for (let r = 0; r < rows; r++) {
    const row = (i: number): number => (i < width ? x[r * width + i] : 1);
    for (let i = 0; i < n; i++) {
      const ri = row(i);
      for (let j = 0; j < n; j++) a[i][j] += ri * row(j);
      a[i][n] += ri * y[r];
    }
  }
  for (let i = 0; i < width; i++) a[i][i] += 1e-9 * rows;
  // Gaussian elimination with partial pivoting.
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    const pivot = a[c][c] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c] / pivot;
      if (f !== 0) for (let k = c; k <= n; k++) a[r][k] -= f * a[c][k];
    }
  }
  const w = Array.from({ length: n }, (_, i) => a[i][n] / (a[i][i] || 1e-12));
  return { weights: w.slice(0, width), bias: w[width] };
}

/** Mean squared and absolute error of the fit on rows [from, to). */
export function linearErrors(fit: LinearFit, x: Float32Array, y: Float32Array, from: number, to: number): { mse: number; mae: number } {
  const width = fit.weights.length;
  let se = 0;
  let ae = 0;
  for (let r = from; r < to; r++) {
    let p = fit.bias;
    for (let i = 0; i < width; i++) p += fit.weights[i] * x[r * width + i];
    se += (p - y[r]) ** 2;
    ae += Math.abs(p - y[r]);
  }
  const count = Math.max(1, to - from);
  return { mse: se / count, mae: ae / count };
}
