/** The index of the largest of `width` values in row `row` of `values` (the first largest on ties, as tf.argMax). */
export function argmaxRow(values: ArrayLike<number>, row = 0, width = values.length): number {
  let best = 0;
  for (let k = 1; k < width; k++) if (values[row * width + k] > values[row * width + best]) best = k;
  return best;
}
