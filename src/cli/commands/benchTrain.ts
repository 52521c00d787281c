import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { examples } from '@shared/examples';
import type { BackendName } from '@shared/ipc/training';
import { TrainOptionsSchema } from '@shared/training/options';
import { requireNetwork } from '@shared/shape/network';
import { initBackend } from '../../engine/backend';
import { buildModel } from '../../engine/buildModel';
import { loadDataset } from '../../engine/data/datasets';
import { createTrainStep } from '../../engine/trainStep';
import { batchTensors, splitsOf } from '../../engine/trainData';
import { print } from '../terminal';

// Where a training step's time goes, for LayersModel.trainOnBatch (the reference) and the engine's
// own step (src/engine/trainStep.ts), on real MNIST (Adam 1e-3, categorical cross-entropy):
// tf.profile of one step (kernels, their total time, the wall time), then the median ms of `steps`
// timed steps after `warmup`, the two steps alternating in blocks of 10 so load on the machine
// falls on both alike. Used by bench/train.mjs.
export async function benchTrainCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      backend: { type: 'string', default: 'wasm' },
      steps: { type: 'string', default: '50' },
      warmup: { type: 'string', default: '10' },
      batch: { type: 'string', default: '32' },
      network: { type: 'string', default: 'mnist-cnn' },
    },
  });
  const engine = await initBackend(values.backend as BackendName);
  const graph = examples.find((e) => e.id === values.network)?.graph;
  if (!graph) throw new Error(`No example network "${values.network}"; try mnist-cnn or vgg-blocks.`);
  const network = requireNetwork(graph, `The example ${values.network} does not build`);
  const options = TrainOptionsSchema.parse({});
  const reference = buildModel(network).model;
  reference.compile({ optimizer: tf.train.adam(options.learningRate), loss: options.loss, metrics: ['accuracy'] });
  const mine = buildModel(network).model;
  const step = createTrainStep(mine, options);
  const ds = loadDataset({ kind: 'mnist' });
  const batch = Number(values.batch);
  const steps = Number(values.steps);
  const warmup = Number(values.warmup);
  const split = splitsOf(ds, 0).train;
  let cursor = 0;
  const nextBatch = (): { x: tf.Tensor; y: tf.Tensor } => {
    const indices = Int32Array.from({ length: batch }, () => cursor++ % ds.trainLabels.length);
    return batchTensors(split, indices, { inputShape: [28, 28, 1], classes: 10, sparse: false });
  };
  const runs = {
    trainOnBatch: async (x: tf.Tensor, y: tf.Tensor) => void (await reference.trainOnBatch(x, y)),
    ...(step ? { engineStep: async (x: tf.Tensor, y: tf.Tensor) => void step.run(x, y) } : {}),
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  for (let block = 0; block * 10 < warmup + steps; block++) {
    for (const [name, run] of Object.entries(runs)) {
      for (let s = block * 10; s < Math.min((block + 1) * 10, warmup + steps); s++) {
        const start = performance.now();
        const { x, y } = nextBatch();
        await run(x, y);
        tf.dispose([x, y]);
        if (s >= warmup) times[name].push(performance.now() - start);
      }
    }
  }
  const result: Record<string, unknown> = { backend: engine.backend, network: values.network, batch, steps };
  for (const [name, run] of Object.entries(runs)) {
    const { x, y } = nextBatch();
    const start = performance.now();
    const profile = await tf.profile(() => run(x, y));
    const wall = performance.now() - start;
    tf.dispose([x, y]);
    const kernelMs = profile.kernels.reduce((a, k) => a + (typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0), 0);
    const counts: Record<string, number> = {};
    for (const k of profile.kernels) counts[k.name] = (counts[k.name] ?? 0) + 1;
    const top = Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, n]) => `${k} ${n}`).join(', ');
    const sorted = times[name].sort((a, b) => a - b);
    result[name] = { medianMsPerStep: Number(sorted[Math.floor(sorted.length / 2)].toFixed(2)), kernelsPerStep: profile.kernels.length, profiledKernelMs: Number(kernelMs.toFixed(2)), profiledWallMs: Number(wall.toFixed(2)), topKernels: top };
  }
  result['tensorsAfter'] = tf.memory().numTensors;
  print(JSON.stringify(result));
  step?.dispose();
  reference.dispose();
  mine.dispose();
  return 0;
}
