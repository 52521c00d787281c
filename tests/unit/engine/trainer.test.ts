import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { examples } from '@shared/examples';
import { TrainOptionsSchema, type TrainOptionsInput } from '@shared/training/options';
import { sequentialGraph } from '@shared/graph/ops';
import { inferGraph } from '@shared/shape/infer';
import { network } from '../helpers/network';
import { buildModel } from '../../../src/engine/buildModel';
import { initBackend, useBackend } from '../../../src/engine/backend';
import { train } from '../../../src/engine/trainer';
import type { BatchProgress, EpochMetrics, TrainStarted } from '@shared/ipc/training';
import { threadsText } from '@shared/training/metrics';
import { backendsUnderTest } from '../helpers/backends';

const options = (o: TrainOptionsInput) => TrainOptionsSchema.parse(o);
const example = (id: string) => examples.find((e) => e.id === id)!.graph;
const backends = await backendsUnderTest();

describe('graph -> tf.LayersModel', () => {
  it.each(['mnist-cnn', 'mnist-mlp', 'lenet5', 'vgg-blocks'])('%s has the parameter count of the shared model', async (id) => {
    await initBackend();
    const { model } = buildModel(network(example(id)));
    expect(model.countParams()).toBe(inferGraph(example(id)).totals.total);
    model.dispose();
  });

  it('a leaky relu layer keeps its count and its Keras name', async () => {
    await initBackend();
    const g = sequentialGraph([['input', { shape: [8, 8, 1] }], ['conv2d', { filters: 4, activation: 'leakyRelu' }], ['flatten'], ['dense', { units: 10 }]]);
    const built = buildModel(network(g));
    expect(built.model.countParams()).toBe(inferGraph(g).totals.total);
    expect(built.outputLayerOf.get(g.nodes[1].id)).toBe('conv2d_leaky_relu');
    built.model.dispose();
  });
});

for (const b of backends) {
  describe.skipIf(b.skip)(`training on real MNIST ${b.title}`, () => {
    beforeAll(async () => {
      await useBackend(b.name);
    });

    it('the CNN learns: loss falls, accuracy far above chance, no tensors leak between epochs', async () => {
      const batches: BatchProgress[] = [];
      const epochs: EpochMetrics[] = [];
      const counts: number[] = [];
      const result = await train(`t1-${b.name}`, network(example('mnist-cnn')), options({ trainLimit: 1200, epochs: 2, batchSize: 32, validationSplit: 0.2, seed: 1 }), {
        batch: (p) => batches.push(p),
        epoch: (e) => {
          epochs.push(e);
          counts.push(tf.memory().numTensors);
        },
      });
      expect(tf.getBackend()).toBe(b.name);
      expect(batches[batches.length - 1]).toMatchObject({ epoch: 2, step: 30, steps: 30 }); // ceil(960 / 32)
      expect(epochs).toHaveLength(2);
      expect(epochs[1].loss).toBeLessThan(epochs[0].loss);
      expect(epochs[1].valAccuracy).toBeGreaterThan(0.6);
      expect(counts[1]).toBe(counts[0]);
      const f = result.finished;
      expect(f.reason).toBe('completed');
      expect(f.testAccuracy).toBeGreaterThan(0.6);
      expect(f.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(10000);
      expect(f.confusion!.map((row, i) => row[i]).reduce((a, b) => a + b, 0) / 10000).toBeCloseTo(f.testAccuracy!, 3);
      result.model.dispose();
    }, 120_000);
  });
}

describe('training on real MNIST', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('a diverging run stops and says why', async () => {
    // A linear output with squared error and plain SGD at learning rate 10 explodes within steps.
    const g = sequentialGraph([['input', { shape: [28, 28] }], ['flatten'], ['dense', { units: 10, activation: 'linear' }]]);
    const result = await train('t2', network(g), options({ trainLimit: 2000, epochs: 1, learningRate: 10, optimizer: 'sgd', seed: 2, loss: 'meanSquaredError' }), {});
    expect(result.finished.reason).toBe('diverged');
    expect(result.finished.message).toMatch(/The loss became (NaN|Infinity) at epoch 1, step \d+: training diverged\. The learning rate \(10\) is likely too high; try 1\./);
    expect(result.finished.testAccuracy).toBeNull();
    result.model.dispose();
  }, 60_000);

  it('stop keeps the weights reached so far', async () => {
    let batches = 0;
    const result = await train('t3', network(example('mnist-mlp')), options({ trainLimit: 5000, epochs: 3, seed: 3 }), { batch: () => batches++, shouldStop: () => batches >= 2 });
    expect(result.finished.reason).toBe('stopped');
    expect(result.finished.message).toMatch(/Stopped by you during epoch 1/);
    expect(result.finished.testAccuracy).toBeGreaterThan(0.1);
    result.model.dispose();
  }, 60_000);

  it('refuses data that does not fit the Input, saying what to set', async () => {
    const g = sequentialGraph([['input', { shape: [32, 32, 3] }], ['flatten'], ['dense', { units: 10, activation: 'softmax' }]]);
    await expect(train('t4', network(g), options({ trainLimit: 100 }))).rejects.toThrow('MNIST gives 28x28x1 images but the Input layer expects (32, 32, 3). Set the Input shape to 28, 28, 1');
    const wrongUnits = sequentialGraph([['input', { shape: [28, 28] }], ['flatten'], ['dense', { units: 5 }]]);
    await expect(train('t5', network(wrongUnits), options({ trainLimit: 100 }))).rejects.toThrow(/10 classes.*Set the last Dense to 10 units/);
  });

  it('refuses a dilated convolution before the first step: TensorFlow.js has no gradient for it', async () => {
    const g = sequentialGraph([['input', { shape: [28, 28, 1] }], ['conv2d', { filters: 4, kernelSize: [3, 3], dilationRate: [2, 2] }], ['flatten'], ['dense', { units: 10, activation: 'softmax' }]]);
    let steps = 0;
    await expect(train('t6', network(g), options({ trainLimit: 100 }), { batch: () => steps++ })).rejects.toThrow('conv2d: TensorFlow.js cannot take the gradient of a dilated convolution (dilation rate 2x2)');
    expect(steps).toBe(0);
  });
});

describe('why val_loss and val_accuracy can disagree', () => {
  it('each epoch reports the validation confidence in the true class, consistent with val_loss and val_accuracy', async () => {
    const epochs: EpochMetrics[] = [];
    const result = await train('h1', network(example('mnist-mlp')), options({ trainLimit: 1000, epochs: 1, validationSplit: 0.2, seed: 5 }), { epoch: (e) => epochs.push(e) });
    const h = epochs[0].confidence!;
    const right = h.right.reduce((a, b) => a + b, 0);
    const wrong = h.wrong.reduce((a, b) => a + b, 0);
    expect(right + wrong).toBe(200);
    expect(right / 200).toBeCloseTo(epochs[0].valAccuracy!, 5);
    expect((h.rightLoss + h.wrongLoss) / 200).toBeCloseTo(epochs[0].valLoss!, 3);
    // A wrong prediction gives the true class less than 0.5 (some other class won).
    expect(h.wrong.slice(5).reduce((a, b) => a + b, 0)).toBe(0);
    result.model.dispose();
  }, 60_000);
});

describe('training on two threads (wasm)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('splits each batch with the gradient worker: same learning, no leaked tensors', async () => {
    const root = join(__dirname, '../../..');
    const script = join(root, 'out/main/gradWorker.js');
    if (!existsSync(script)) execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
    const counts: number[] = [];
    const epochs: EpochMetrics[] = [];
    let threads = 0;
    const result = await train('p1', network(example('mnist-cnn')), options({ trainLimit: 1200, epochs: 2, validationSplit: 0.2, seed: 1 }), {
      gradWorkerScript: script,
      started: (s) => (threads = s.threads),
      epoch: (e) => {
        epochs.push(e);
        counts.push(tf.memory().numTensors);
      },
    });
    expect(threads).toBe(2);
    expect(counts[1]).toBe(counts[0]);
    expect(epochs[1].loss).toBeLessThan(epochs[0].loss);
    expect(epochs[1].valAccuracy).toBeGreaterThan(0.6);
    expect(result.finished.testAccuracy).toBeGreaterThan(0.6);
    result.model.dispose();
  }, 180_000);

  it('keeps a network with BatchNormalization on one thread, and says why', async () => {
    // Each half would be normalised by its own mean and variance: not the whole batch's step.
    let started: TrainStarted | null = null;
    const g = sequentialGraph([['input', { shape: [28, 28, 1] }], ['conv2d', { filters: 4, activation: 'relu' }], ['batchNormalization'], ['flatten'], ['dense', { units: 10, activation: 'softmax' }]]);
    const result = await train('p2', network(g), options({ trainLimit: 64, epochs: 1, validationSplit: 0, seed: 1 }), {
      gradWorkerScript: join(__dirname, '../../../out/main/gradWorker.js'),
      started: (s) => (started = s),
    });
    expect(started).toMatchObject({ threads: 1, oneThreadReason: 'BatchNormalization needs the whole batch' });
    expect(threadsText(started!)).toBe('1 thread (BatchNormalization needs the whole batch)');
    result.model.dispose();
  }, 60_000);
});
