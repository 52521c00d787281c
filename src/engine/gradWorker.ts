// A second thread that computes gradients on half of each batch (data parallelism): the engine
// sends the inferred network once, then for each step the
// current weights and the half batch; this returns the gradients as plain arrays.
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import type { Network } from '@shared/shape/network';
import type { TrainOptions } from '@shared/training/options';
import { initBackend } from './backend';
import { augmentationLayersOf } from './augmentLayers';
import { buildModel } from './buildModel';
import { batchGradients } from './gradients';

interface Step {
  weights: Float32Array[];
  x: Float32Array;
  xShape: number[];
  y: Float32Array;
  yShape: number[];
}

const { network, loss } = workerData as { network: Network; loss: TrainOptions['loss'] };

async function main(): Promise<void> {
  await initBackend('wasm');
  const { model } = buildModel(network);
  // Seeded augmentation draws other transforms for this half of each batch than the first thread's.
  for (const layer of augmentationLayersOf(model)) layer.stream = 'helper:';
  const shapes = model.getWeights().map((w) => w.shape);
  parentPort!.postMessage({ ready: true });
  parentPort!.on('message', (step: Step) => {
    const result = tf.tidy(() => {
      model.setWeights(step.weights.map((w, i) => tf.tensor(w, shapes[i])));
      const x = tf.tensor(step.x, step.xShape);
      const y = tf.tensor(step.y, step.yShape);
      const g = batchGradients(model, loss, x, y);
      return { grads: g.grads.map((t) => t.dataSync() as Float32Array), loss: g.loss, accuracy: g.accuracy, regLoss: g.regLoss };
    });
    parentPort!.postMessage(result, result.grads.map((g) => g.buffer as ArrayBuffer));
  });
}

main().catch((err: Error) => parentPort!.postMessage({ error: err.message }));
