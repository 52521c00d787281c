// One training step's gradients on part of a batch, computed the way LayersModel.trainOnBatch
// does (same loss functions and accuracy metrics), so two threads can share a batch.
import * as tf from '@tensorflow/tfjs';
import type { TrainOptions } from '@shared/training/options';
import { regularizationLoss } from './regularization';
import { flatten } from './weights';

type LossName = TrainOptions['loss'];

export function lossOf(loss: LossName, y: tf.Tensor, pred: tf.Tensor): tf.Tensor {
  switch (loss) {
    case 'categoricalCrossentropy':
      return tf.metrics.categoricalCrossentropy(y, pred);
    case 'sparseCategoricalCrossentropy':
      return tf.metrics.categoricalCrossentropy(tf.oneHot(y.toInt(), pred.shape[pred.shape.length - 1]), pred);
    case 'binaryCrossentropy':
      return tf.metrics.binaryCrossentropy(y, pred);
    case 'meanSquaredError':
      return tf.metrics.meanSquaredError(y, pred);
    case 'meanAbsoluteError':
      return tf.metrics.meanAbsoluteError(y, pred);
    case 'huber':
      return huber(y, pred);
  }
}

/** Keras' Huber loss (delta 1): squared below delta, linear above, averaged over the last axis. */
function huber(y: tf.Tensor, pred: tf.Tensor): tf.Tensor {
  return tf.losses.huberLoss(y, pred, undefined, 1, tf.Reduction.NONE).mean(-1);
}

/** What compile() takes for each loss: tfjs' own names, and Keras' Huber, which tfjs-layers lacks by name. */
export function lossFunction(loss: LossName): string | ((y: tf.Tensor, pred: tf.Tensor) => tf.Tensor) {
  return loss === 'huber' ? huber : loss;
}

/** tfjs' "accuracy" for each loss, as compile() resolves it. */
export function accuracyOf(loss: LossName, y: tf.Tensor, pred: tf.Tensor): tf.Tensor {
  if (loss === 'sparseCategoricalCrossentropy') return tf.metrics.sparseCategoricalAccuracy(y, pred);
  if (loss === 'binaryCrossentropy') return tf.metrics.binaryAccuracy(y, pred);
  return tf.metrics.categoricalAccuracy(y, pred);
}

export interface BatchGradients {
  grads: tf.Tensor[];
  /** The mean loss with the regularizers' penalty, as Keras reports it. */
  loss: number;
  accuracy: number;
  /** The penalty alone (0 without regularizers). */
  regLoss: number;
}

/**
 * Gradients of the mean loss over (x, y) plus the regularizers' penalty for each trainable weight,
 * in model.trainableWeights order. Each half of a batch split over two threads adds the whole
 * penalty: averaged by size, the halves give it once, as the whole batch would.
 */
export function batchGradients(model: tf.LayersModel, loss: LossName, x: tf.Tensor, y: tf.Tensor): BatchGradients {
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  let accuracy = 0;
  let regLoss = 0;
  const { value, grads } = tf.variableGrads(() => {
    const pred = model.apply(x, { training: true }) as tf.Tensor;
    accuracy = tf.tidy(() => accuracyOf(loss, y, pred).mean().dataSync()[0]);
    const data = lossOf(loss, y, pred).mean() as tf.Scalar;
    const reg = regularizationLoss(model);
    if (!reg) return data;
    regLoss = reg.dataSync()[0];
    return tf.add(data, reg) as tf.Scalar;
  }, vars);
  const out = { grads: vars.map((v) => grads[v.name]), loss: value.dataSync()[0], accuracy, regLoss };
  value.dispose();
  return out;
}

/** The gradient of one batch's loss, for all trainable weights as one flat vector. */
export interface FlatGradient {
  /** In model.trainableWeights order, each weight flattened; the caller disposes it. */
  flat: tf.Tensor1D;
  /** The batch's mean loss with the regularizers' penalty, as Keras reports it. */
  loss: number;
  accuracy: number;
  /** The penalty alone (0 without regularizers). */
  regLoss: number;
}

/** batchGradients as one flat vector (for networks the engine's own step does not cover). */
export function flatBatchGradients(model: tf.LayersModel, loss: LossName, x: tf.Tensor, y: tf.Tensor): FlatGradient {
  const g = batchGradients(model, loss, x, y);
  const flat = flatten(g.grads);
  tf.dispose(g.grads);
  return { flat, loss: g.loss, accuracy: g.accuracy, regLoss: g.regLoss };
}
