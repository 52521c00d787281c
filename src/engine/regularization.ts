// Kernel and bias regularizers as Keras 3 computes them: l1 * sum(|w|) + l2 * sum(w^2) per weight,
// added to the training loss, with the gradient l1 * sign(w) + 2 * l2 * w. tfjs' own L1L2 differs
// in two places, so the engine gives its layers this one instead: its |w| has the gradient -1 at
// w = 0 (TensorFlow's is 0, which matters for biases, which start at 0), and it also counts frozen
// layers, which Keras 3 leaves out (it sums the regularizers of trainable weights only).
import * as tf from '@tensorflow/tfjs';
import { isTfjsRegularizerConfig } from '@shared/layers/regularizer';

/** l1 * sum(|x|) + l2 * sum(x^2), with TensorFlow's gradient. */
export function penalty(x: tf.Tensor, l1: number, l2: number): tf.Scalar {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [w, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([w]);
    // As Keras' L1L2: a factor of 0 adds nothing (no kernels either).
    const terms: tf.Tensor[] = [];
    if (l1 !== 0) terms.push(tf.mul(tf.sum(tf.abs(w)), l1));
    if (l2 !== 0) terms.push(tf.mul(tf.sum(tf.square(w)), l2));
    const value = terms.length === 0 ? tf.scalar(0) : terms.length === 1 ? terms[0] : tf.add(terms[0], terms[1]);
    return {
      value: value as tf.Scalar,
      gradFunc: (dy: tf.Tensor, [ws]: tf.Tensor[]) => {
        const grads: tf.Tensor[] = [];
        if (l1 !== 0) grads.push(tf.mul(tf.sign(ws), l1));
        if (l2 !== 0) grads.push(tf.mul(ws, 2 * l2));
        const g = grads.length === 0 ? tf.zerosLike(ws) : grads.length === 1 ? grads[0] : tf.add(grads[0], grads[1]);
        return tf.mul(g, dy);
      },
    };
  });
  return f(x) as tf.Scalar;
}

/** A tf.layers regularizer (its config stays tfjs' L1L2, so saved models read back) computing `penalty`. */
function kerasL1L2(l1: number, l2: number): ReturnType<typeof tf.regularizers.l1l2> {
  const r = tf.regularizers.l1l2({ l1, l2 });
  r.apply = (x: tf.Tensor) => penalty(x, l1, l2);
  return r;
}

/**
 * A layer's tf.layers args with its regularizer configs (src/shared/layers/regularizer.ts) made
 * into Keras' regularizers; a frozen layer gets none, as Keras 3 adds no penalty for it.
 */
export function withRegularizers(args: Record<string, unknown>, trainable: boolean): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(args)
      .filter(([, v]) => trainable || !isTfjsRegularizerConfig(v))
      .map(([k, v]) => [k, isTfjsRegularizerConfig(v) ? kerasL1L2(v.config.l1, v.config.l2) : v]),
  );
}

/** Whether training this model adds a penalty to its loss. */
export function hasRegularization(model: tf.LayersModel): boolean {
  return model.layers.some((l) => l.losses.length > 0);
}

/**
 * The sum of the model's penalties at its current weights (null when it has none), recorded on
 * the gradient tape when called inside tf.variableGrads.
 */
export function regularizationLoss(model: tf.LayersModel): tf.Scalar | null {
  const losses = (model as unknown as { calculateLosses(): tf.Scalar[] }).calculateLosses();
  if (losses.length === 0) return null;
  return losses.length === 1 ? losses[0] : (tf.addN(losses) as tf.Scalar);
}
