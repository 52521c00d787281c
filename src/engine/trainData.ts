// The samples a run trains and tests on, and the batches cut from them.
import * as tf from '@tensorflow/tfjs';
import type { TrainStarted } from '@shared/ipc/training';
import { featureStats, standardize } from '@shared/data/csv';
import { PIXEL_SCALE } from '@shared/data/pixels';
import type { Dataset } from './data/datasets';

/** One split's samples: image bytes (scaled to [0, 1]) or float features (as they are), and class labels or real targets. */
export interface Split {
  x: Uint8Array | Float32Array;
  scale: number;
  labels: Uint8Array;
  /** Regression targets. */
  targets?: Float32Array;
}

export type Standardization = TrainStarted['standardization'];

/**
 * The samples as the network gets them. Tables are standardised with the mean and standard
 * deviation of the first `trainRows` rows only (the training split, not validation or test), so
 * nothing about the held-out rows leaks into training.
 */
export function splitsOf(ds: Dataset, trainRows: number): { train: Split; test: Split; standardization: Standardization } {
  const f = ds.features;
  if (!f) {
    return {
      train: { x: ds.trainImages, scale: PIXEL_SCALE, labels: ds.trainLabels },
      test: { x: ds.testImages, scale: PIXEL_SCALE, labels: ds.testLabels },
      standardization: null,
    };
  }
  let train = f.train;
  let test = f.test;
  let standardization: Standardization = null;
  if (f.standardize) {
    const stats = featureStats(f.train, f.shape[0], trainRows);
    train = standardize(f.train, stats);
    test = standardize(f.test, stats);
    standardization = { features: f.names ?? [], ...stats, rows: trainRows };
  }
  return {
    train: { x: train, scale: 1, labels: ds.trainLabels, targets: ds.targets?.train },
    test: { x: test, scale: 1, labels: ds.testLabels, targets: ds.targets?.test },
    standardization,
  };
}

/** How a split's samples become tensors: the input's shape and the label encoding. */
export interface BatchShape {
  inputShape: number[];
  classes: number;
  /** Class indices instead of one-hot rows. */
  sparse: boolean;
}

/** x and y for the given sample indices, as arrays with their shapes. */
export function batchArrays(split: Split, indices: ArrayLike<number>, { inputShape, classes, sparse }: BatchShape) {
  const size = inputShape.reduce((a, b) => a * b, 1);
  const n = indices.length;
  const x = new Float32Array(n * size);
  const t = split.targets;
  const y = new Float32Array(sparse || t ? n : n * classes);
  for (let i = 0; i < n; i++) {
    const j = indices[i];
    const src = split.x.subarray(j * size, (j + 1) * size);
    for (let k = 0; k < size; k++) x[i * size + k] = src[k] * split.scale;
    if (t) y[i] = t[j];
    else if (sparse) y[i] = split.labels[j];
    else y[i * classes + split.labels[j]] = 1;
  }
  return { x, xShape: [n, ...inputShape], y, yShape: t ? [n, 1] : sparse ? [n] : [n, classes] };
}

export function batchTensors(split: Split, indices: ArrayLike<number>, shape: BatchShape): { x: tf.Tensor; y: tf.Tensor } {
  const b = batchArrays(split, indices, shape);
  return { x: tf.tensor(b.x, b.xShape), y: tf.tensor(b.y, b.yShape) };
}

export function range(from: number, to: number): Int32Array {
  return Int32Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** The sample order of one epoch: in order, or shuffled (Fisher-Yates) with the run's random source. */
export function epochOrder(indices: Int32Array, shuffle: boolean, random: () => number): Int32Array {
  const order = Int32Array.from(indices);
  if (shuffle) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
  }
  return order;
}
