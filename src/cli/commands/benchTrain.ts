import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { examples } from '@shared/examples';
import type { BackendName } from '@shared/ipc/training';
import { initBackend } from '../../engine/backend';
import { buildModel } from '../../engine/buildModel';
import { loadDataset } from '../../engine/data/datasets';
import { print } from '../terminal';

// Median ms per training step of the DESIGN.md CNN (batch 32, Adam 1e-3, categorical
// cross-entropy) on real MNIST, measured as ../shared/bench/torch_cnn.py measures PyTorch:
// 10 warm-up steps, then `steps` timed steps. Used by bench/train.mjs.
export async function benchTrainCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { backend: { type: 'string', default: 'wasm' }, steps: { type: 'string', default: '50' }, warmup: { type: 'string', default: '10' } } });
  const engine = await initBackend(values.backend as BackendName);
  const graph = examples.find((e) => e.id === 'mnist-cnn')!.graph;
  const { model } = buildModel(graph);
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const ds = loadDataset({ kind: 'mnist' });
  const batch = 32;
  const steps = Number(values.steps);
  const warmup = Number(values.warmup);
  const times: number[] = [];
  for (let s = 0; s < warmup + steps; s++) {
    const start = Date.now();
    const x = new Float32Array(batch * 784);
    const y = new Float32Array(batch * 10);
    for (let i = 0; i < batch; i++) {
      const j = (s * batch + i) % ds.trainLabels.length;
      for (let k = 0; k < 784; k++) x[i * 784 + k] = ds.trainImages[j * 784 + k] / 255;
      y[i * 10 + ds.trainLabels[j]] = 1;
    }
    const xt = tf.tensor4d(x, [batch, 28, 28, 1]);
    const yt = tf.tensor2d(y, [batch, 10]);
    await model.trainOnBatch(xt, yt);
    tf.dispose([xt, yt]);
    if (s >= warmup) times.push(Date.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  print(JSON.stringify({ backend: engine.backend, medianMsPerStep: median, steps, tensorsAfter: tf.memory().numTensors }));
  model.dispose();
  return 0;
}
