// A second thread that computes gradients on half of each batch (data parallelism): the engine
// sends the inferred network once, then for each step the current trainable weights as one flat
// vector and the half batch; this returns the half's gradient as one flat vector, computed by the
// engine's own step where it covers the network (src/engine/trainStep.ts), else as
// LayersModel.trainOnBatch does (src/engine/gradients.ts).
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import type { Network } from '@shared/shape/network';
import type { TrainOptions } from '@shared/training/options';
import { initBackend } from './backend';
import { augmentationLayersOf } from './augmentLayers';
import { buildModel } from './buildModel';
import { flatBatchGradients } from './gradients';
import { createGradients } from './trainStep';
import { assignFlat } from './weights';

interface Step {
  /** Whether the first thread takes its half with the engine's step (else as trainOnBatch would). */
  engineStep: boolean;
  weights: Float32Array;
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
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const fast = createGradients(model, loss);
  parentPort!.postMessage({ ready: true });
  parentPort!.on('message', (step: Step) => {
    assignFlat(vars, step.weights);
    const x = tf.tensor(step.x, step.xShape);
    const y = tf.tensor(step.y, step.yShape);
    const g = step.engineStep && fast ? fast(x, y) : flatBatchGradients(model, loss, x, y);
    const grad = g.flat.dataSync() as Float32Array;
    tf.dispose([x, y, g.flat]);
    parentPort!.postMessage({ grad, loss: g.loss, accuracy: g.accuracy, regLoss: g.regLoss }, [grad.buffer as ArrayBuffer]);
  });
}

main().catch((err: Error) => parentPort!.postMessage({ error: err.message }));
