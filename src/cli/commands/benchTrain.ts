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
// the median ms of `steps` timed steps after `warmup`, the two steps alternating in blocks of 10 so
// load on the machine falls on both alike, then tf.profile of `profile` steps (kernels per step,
// their total time, the wall time, and the kernels that took the most time, in ms per step).
// Used by bench/train.mjs.
export async function benchTrainCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      backend: { type: 'string', default: 'wasm' },
      steps: { type: 'string', default: '50' },
      warmup: { type: 'string', default: '10' },
      batch: { type: 'string', default: '32' },
      network: { type: 'string', default: 'mnist-cnn' },
      profile: { type: 'string', default: '1' },
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
  const profiled = Math.max(1, Number(values.profile));
  for (const [name, run] of Object.entries(runs)) {
    const batches = Array.from({ length: profiled }, nextBatch);
    const start = performance.now();
    const profile = await tf.profile(async () => {
      for (const { x, y } of batches) await run(x, y);
    });
    const wall = performance.now() - start;
    tf.dispose(batches.flatMap(({ x, y }) => [x, y]));
    const counts: Record<string, number> = {};
    const ms: Record<string, number> = {};
    // customGrad's "forward" wraps kernels that are listed too: count registered kernels only.
    for (const k of profile.kernels.filter((k) => tf.getKernel(k.name, tf.getBackend()))) {
      counts[k.name] = (counts[k.name] ?? 0) + 1;
      ms[k.name] = (ms[k.name] ?? 0) + (typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0);
    }
    const kernelMs = Object.values(ms).reduce((a, b) => a + b, 0);
    const top = Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, n]) => `${k} ${n / profiled}`).join(', ');
    const slowest = Object.entries(ms).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, t]) => `${k} ${(t / profiled).toFixed(2)}`).join(', ');
    const sorted = times[name].sort((a, b) => a - b);
    const perStep = (v: number): number => Number((v / profiled).toFixed(2));
    result[name] = {
      medianMsPerStep: Number(sorted[Math.floor(sorted.length / 2)].toFixed(2)),
      kernelsPerStep: Object.values(counts).reduce((a, b) => a + b, 0) / profiled,
      profiledKernelMs: perStep(kernelMs),
      profiledWallMs: perStep(wall),
      topKernels: top,
      slowestKernelsMs: slowest,
    };
  }
  result['tensorsAfter'] = tf.memory().numTensors;
  print(JSON.stringify(result));
  step?.dispose();
  reference.dispose();
  mine.dispose();
  return 0;
}
