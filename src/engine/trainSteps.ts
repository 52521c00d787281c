// The step a run takes for each batch: split over two threads (wasm with a gradient worker), the
// engine's own few-kernel step, or tfjs-layers' trainOnBatch where neither applies.
import * as tf from '@tensorflow/tfjs';
import type { TrainOptions } from '@shared/training/options';
import { batchGradients } from './gradients';
import type { GradientHelper } from './parallel';
import { batchArrays, batchTensors, type BatchShape, type Split } from './trainData';
import { createTrainStep } from './trainStep';
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
 * helper the second; the gradients are averaged by size (what the whole batch would give).
 */
async function parallelStep(model: tf.LayersModel, helper: GradientHelper, loss: TrainOptions['loss'], split: Split, indices: Int32Array, shape: BatchShape): Promise<{ values: number[]; regLoss: number }> {
  const half = Math.ceil(indices.length / 2);
  const theirs = batchArrays(split, indices.subarray(half), shape);
  const pending = helper.step(model.getWeights().map((w) => Float32Array.from(w.dataSync() as Float32Array)), theirs.x, theirs.xShape, theirs.y, theirs.yShape);
  const { x, y } = batchTensors(split, indices.subarray(0, half), shape);
  const mine = batchGradients(model, loss, x, y);
  tf.dispose([x, y]);
  const other = await pending.catch((err: unknown) => {
    tf.dispose(mine.grads);
    throw err;
  });
  const wMine = half / indices.length;
  const wOther = 1 - wMine;
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  tf.tidy(() => {
    const averaged = Object.fromEntries(vars.map((v, i) => [v.name, mine.grads[i].mul(wMine).add(tf.tensor(other.grads[i], v.shape).mul(wOther))]));
    model.optimizer.applyGradients(averaged);
  });
  tf.dispose(mine.grads);
  // Both halves add the whole penalty (at the same weights): it counts once in the average.
  return { values: [mine.loss * wMine + other.loss * wOther, mine.accuracy * wMine + other.accuracy * wOther], regLoss: mine.regLoss };
}

/**
 * The step for this run. With a helper thread, batches of two or more are shared with it. On one
 * thread, the step with few kernels (src/engine/trainStep.ts), unless the network has a layer it
 * does not cover, something other than the optimizer view's recorder wraps the optimizer's
 * applyGradients, or the target is real-valued (it reports accuracy only).
 */
export function chooseStep(model: tf.LayersModel, options: TrainOptions, helper: GradientHelper | null, split: Split, shape: BatchShape, regression: boolean): BatchStep {
  // The optimizer view's recorder can watch the fast step too; anything else wrapping applyGradients cannot.
  const recorder = recorderOf(model);
  const watched = !recorder && Object.prototype.hasOwnProperty.call(model.optimizer, 'applyGradients');
  const fast = helper || watched || regression ? null : createTrainStep(model, options, recorder?.flatRecorder());
  const regularized = hasRegularization(model);
  return {
    async run(indices) {
      if (helper && indices.length > 1) return parallelStep(model, helper, options.loss, split, indices, shape);
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
