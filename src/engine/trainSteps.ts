// The step a run takes for each batch: split over two threads (wasm with a gradient worker), the
// engine's own few-kernel step, or tfjs-layers' trainOnBatch where neither applies.
import * as tf from '@tensorflow/tfjs';
import type { TrainOptions } from '@shared/training/options';
import { flatBatchGradients, type FlatGradient } from './gradients';
import type { GradientHelper } from './parallel';
import { batchArrays, batchTensors, type BatchShape, type Split } from './trainData';
import { createTrainStep, type TrainStep } from './trainStep';
import { readFlat, unflatten } from './weights';
import { hasRegularization, regularizationLoss } from './regularization';
import { recorderOf } from './optimizerTrace';

/**
 * One optimizer step on the samples at `indices`: [loss, metrics...] of the batch (the loss with
 * the regularizers' penalty, as Keras reports it) and the penalty alone (0 without regularizers).
 */
export interface BatchStep {
  run(indices: Int32Array): Promise<{ values: number[]; regLoss: number }>;
  dispose(): void;
}

/**
 * One optimizer step with the batch split over two threads: this one takes the first half, the
 * helper the second, each at the same weights (sent as one flat vector); the flat gradients are
 * averaged by size (what the whole batch would give) and applied once: by the engine's flat
 * optimizer update where it covers the network, else by the model's optimizer.
 */
async function parallelStep(model: tf.LayersModel, fast: TrainStep | null, helper: GradientHelper, loss: TrainOptions['loss'], split: Split, indices: Int32Array, shape: BatchShape): Promise<{ values: number[]; regLoss: number }> {
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const half = Math.ceil(indices.length / 2);
  const theirs = batchArrays(split, indices.subarray(half), shape);
  const pending = helper.step(fast !== null, readFlat(vars), theirs.x, theirs.xShape, theirs.y, theirs.yShape);
  const { x, y } = batchTensors(split, indices.subarray(0, half), shape);
  let mine: FlatGradient;
  try {
    mine = fast ? fast.gradients(x, y) : flatBatchGradients(model, loss, x, y);
  } finally {
    tf.dispose([x, y]);
  }
  const other = await pending.catch((err: unknown) => {
    mine.flat.dispose();
    throw err;
  });
  const wMine = half / indices.length;
  const wOther = 1 - wMine;
  const averaged = tf.tidy(() => tf.add(tf.mul(mine.flat, wMine), tf.mul(tf.tensor1d(other.grad), wOther)) as tf.Tensor1D);
  mine.flat.dispose();
  if (fast) {
    fast.apply(averaged);
  } else {
    tf.tidy(() => {
      const parts = unflatten(averaged, vars);
      model.optimizer.applyGradients(Object.fromEntries(vars.map((v, i) => [v.name, parts[i]])));
    });
  }
  averaged.dispose();
  // Both halves add the whole penalty (at the same weights): it counts once in the average.
  return { values: [mine.loss * wMine + other.loss * wOther, mine.accuracy * wMine + other.accuracy * wOther], regLoss: mine.regLoss };
}

/**
 * Why this model's batches cannot be split over two threads, or null: a layer that computes over
 * the batch as a whole (BatchNormalization's batch mean and variance) would see each half alone,
 * so the two halves' step would not be the whole batch's step that Keras takes.
 */
export function batchSplitProblem(model: tf.LayersModel): string | null {
  return model.layers.some((l) => l.getClassName() === 'BatchNormalization') ? 'BatchNormalization needs the whole batch' : null;
}

/**
 * The step for this run: the step with few kernels (src/engine/trainStep.ts), unless the network
 * has a layer it does not cover, something other than the optimizer view's recorder wraps the
 * optimizer's applyGradients, or the target is real-valued (it reports accuracy only); else
 * trainOnBatch. With a helper thread, batches of two or more are shared with it, each thread
 * taking its half's gradient the same way (not for a model with a batchSplitProblem).
 */
export function chooseStep(model: tf.LayersModel, options: TrainOptions, helper: GradientHelper | null, split: Split, shape: BatchShape, regression: boolean): BatchStep {
  // The optimizer view's recorder can watch the fast step too; anything else wrapping applyGradients cannot.
  const recorder = recorderOf(model);
  const watched = !recorder && Object.prototype.hasOwnProperty.call(model.optimizer, 'applyGradients');
  const fast = watched || regression ? null : createTrainStep(model, options, recorder?.flatRecorder());
  const regularized = hasRegularization(model);
  const shared = batchSplitProblem(model) ? null : helper;
  return {
    async run(indices) {
      if (shared && indices.length > 1) return parallelStep(model, fast, shared, options.loss, split, indices, shape);
      const { x, y } = batchTensors(split, indices, shape);
      try {
        if (fast) {
          const r = fast.run(x, y);
          return { values: [r.loss, r.accuracy], regLoss: r.regLoss };
        }
        // trainOnBatch adds the penalty to the loss it reports; the penalty alone is read before the step changes the weights.
        const regLoss = regularized ? tf.tidy(() => regularizationLoss(model)!.dataSync()[0]) : 0;
        return { values: (await model.trainOnBatch(x, y)) as number[], regLoss };
      } finally {
        tf.dispose([x, y]);
      }
    },
    dispose: () => fast?.dispose(),
  };
}
