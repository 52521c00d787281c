import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { examples } from '@shared/examples';
import { sequentialGraph } from '@shared/graph/ops';
import type { Graph } from '@shared/graph/model';
import { TrainOptionsSchema, type TrainOptions, type TrainOptionsInput } from '@shared/training/options';
import { inferGraph } from '@shared/shape/infer';
import { useBackend } from '../../../src/engine/backend';
import { buildModel } from '../../../src/engine/buildModel';
import { createTrainStep } from '../../../src/engine/trainStep';
import { uniformNoise } from '../../../src/engine/rawOps';
import { GradientHelper } from '../../../src/engine/parallel';
import { chooseStep } from '../../../src/engine/trainSteps';
import type { BatchShape, Split } from '../../../src/engine/trainData';
import { backendsUnderTest } from '../helpers/backends';
import { network } from '../helpers/network';

// The fast step must be the reference step: from the same weights, N steps of createTrainStep and
// N steps of LayersModel.trainOnBatch with tfjs' own optimizer end at the same weights.
const backends = await backendsUnderTest();
const options = (o: TrainOptionsInput): TrainOptions => TrainOptionsSchema.parse(o);

function frozen(g: Graph, index: number): Graph {
  return { ...g, nodes: g.nodes.map((n, i) => (i === index ? { ...n, trainable: false } : n)) };
}

const networks: Record<string, Graph> = {
  'seed CNN without dropout': sequentialGraph([['input', { shape: [28, 28, 1] }], ['conv2d', { filters: 32, kernelSize: [3, 3], activation: 'relu' }], ['maxPooling2d'], ['conv2d', { filters: 64, kernelSize: [3, 3], activation: 'relu' }], ['maxPooling2d'], ['flatten'], ['dense', { units: 10, activation: 'softmax' }]]),
  'same padding, stride 2, sigmoid, average pool, tanh dense': sequentialGraph([['input', { shape: [12, 12, 1] }], ['conv2d', { filters: 4, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'sigmoid' }], ['conv2d', { filters: 6, kernelSize: [2, 2], activation: 'linear' }], ['averagePooling2d'], ['flatten'], ['dense', { units: 12, activation: 'tanh' }], ['dense', { units: 10, activation: 'softmax' }]]),
  'batch normalization between same-padded convolutions': sequentialGraph([['input', { shape: [10, 10, 1] }], ['conv2d', { filters: 4, padding: 'same', activation: 'relu' }], ['batchNormalization'], ['conv2d', { filters: 4, padding: 'same', activation: 'relu' }], ['maxPooling2d'], ['flatten'], ['dense', { units: 10, activation: 'softmax' }]]),
  // Seeded augmentation draws the same transforms in both models, so the two steps must agree.
  'seeded RandomRotation and RandomFlip before a small CNN': sequentialGraph([['input', { shape: [12, 12, 1] }], ['randomRotation', { factor: 0.1, seed: 1 }], ['randomFlip', { seed: 2 }], ['conv2d', { filters: 4, kernelSize: [3, 3], activation: 'relu' }], ['flatten'], ['dense', { units: 10, activation: 'softmax' }]]),
  // The pooling runs before the bias and relu in the fast step: partial 'same' windows, no bias, a linear conv.
  'convolutions into overlapping same-padded max pooling, without bias and linear': sequentialGraph([['input', { shape: [11, 11, 2] }], ['conv2d', { filters: 4, kernelSize: [3, 3], padding: 'same', activation: 'linear', useBias: false }], ['maxPooling2d', { poolSize: [3, 3], strides: [2, 2], padding: 'same' }], ['conv2d', { filters: 5, kernelSize: [2, 2], activation: 'linear' }], ['maxPooling2d', { poolSize: [2, 2], strides: [1, 1] }], ['flatten'], ['dense', { units: 10, activation: 'softmax' }]]),
  // A frozen layer still computes with its weights; only the others change.
  'seed CNN with its first convolution frozen': frozen(sequentialGraph([['input', { shape: [14, 14, 1] }], ['conv2d', { filters: 4, kernelSize: [3, 3], activation: 'relu' }], ['maxPooling2d'], ['conv2d', { filters: 6, kernelSize: [3, 3], activation: 'relu' }], ['maxPooling2d'], ['flatten'], ['dense', { units: 10, activation: 'softmax' }]]), 1),
  'mlp with relu, global average pool head': sequentialGraph([['input', { shape: [10, 10, 2] }], ['conv2d', { filters: 8, kernelSize: [3, 3], activation: 'relu' }], ['globalAveragePooling2d'], ['dense', { units: 16, activation: 'relu' }], ['dense', { units: 10, activation: 'softmax' }]]),
};

const cases: { optimizer: TrainOptionsInput; loss: TrainOptions['loss'] }[] = [
  { optimizer: { optimizer: 'adam', learningRate: 0.001 }, loss: 'categoricalCrossentropy' },
  { optimizer: { optimizer: 'adam', learningRate: 0.001 }, loss: 'sparseCategoricalCrossentropy' },
  { optimizer: { optimizer: 'sgd', learningRate: 0.1, momentum: 0.9 }, loss: 'categoricalCrossentropy' },
  { optimizer: { optimizer: 'sgd', learningRate: 0.1 }, loss: 'meanSquaredError' },
  { optimizer: { optimizer: 'rmsprop', learningRate: 0.001 }, loss: 'categoricalCrossentropy' },
];

function referenceOptimizer(o: TrainOptions): tf.Optimizer {
  if (o.optimizer === 'adam') return tf.train.adam(o.learningRate);
  if (o.optimizer === 'rmsprop') return tf.train.rmsprop(o.learningRate);
  return o.momentum > 0 ? tf.train.momentum(o.learningRate, o.momentum) : tf.train.sgd(o.learningRate);
}

function batch(g: Graph, step: number): { x: tf.Tensor; sparse: tf.Tensor; oneHot: tf.Tensor } {
  const shape = inferGraph(g).nodes[g.nodes[0].id].outputShape!.slice(1) as number[];
  return tf.tidy(() => {
    const x = tf.randomUniform([16, ...shape], 0, 1, 'float32', 11 + step);
    const labels = tf.tensor1d(Array.from({ length: 16 }, (_, i) => (i * 7 + step) % 10), 'int32');
    return { x, sparse: tf.cast(labels, 'float32'), oneHot: tf.oneHot(labels, 10).toFloat() };
  });
}

function maxRelDiff(a: tf.Tensor, b: tf.Tensor): number {
  const av = a.dataSync();
  const bv = b.dataSync();
  let scale = 1e-3;
  for (const v of bv) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < av.length; i++) worst = Math.max(worst, Math.abs(av[i] - bv[i]) / scale);
  return worst;
}

const STEPS = 5;

/**
 * Float rounding differs between two ways of computing a step (logits vs clipped probabilities, op
 * order, a batch split in two); Adam divides by sqrt(v), which magnifies it where a gradient is
 * near 0 (measured on the seed CNN: 0.4% of the weights off by more than 1e-5, at most 1.4e-4
 * after 5 steps at 1e-3). So: 99% of the weights within 1e-5, none by as much as one step's
 * learning rate, and both really trained: the weights moved far more than they differ.
 */
function expectSameTraining(reference: tf.LayersModel, other: tf.LayersModel, initial: tf.Tensor[], learningRate: number): void {
  const diffs = reference.getWeights().flatMap((w, i) => Array.from(tf.tidy(() => tf.abs(tf.sub(other.getWeights()[i], w)).dataSync())));
  const off = diffs.filter((d) => d > 1e-5).length;
  expect(off / diffs.length).toBeLessThan(0.01);
  expect(Math.max(...diffs)).toBeLessThan(learningRate);
  const worst = Math.max(...reference.getWeights().map((w, i) => maxRelDiff(other.getWeights()[i], w)));
  const moved = Math.max(...initial.map((w, i) => maxRelDiff(other.getWeights()[i], w)));
  expect(moved).toBeGreaterThan(20 * Math.max(worst, 1e-6));
}

for (const b of backends) {
  describe.skipIf(b.skip)(`fast training step ${b.title}`, () => {
    beforeAll(async () => {
      await useBackend(b.name);
    });

    for (const [name, g] of Object.entries(networks)) {
      it.each(cases)(`${name}: ${STEPS} steps of %o equal trainOnBatch`, async ({ optimizer, loss }) => {
        const o = options({ ...optimizer, loss });
        const reference = buildModel(network(g)).model;
        const fast = buildModel(network(g)).model;
        // Seeded starting weights (Glorot-sized), so every run checks the same numbers.
        const trainable = new Set(reference.trainableWeights.map((w) => w.originalName));
        const start = tf.tidy(() => reference.weights.map((w, i) => (trainable.has(w.originalName) ? tf.randomUniform(w.shape as number[], -0.3, 0.3, 'float32', 100 + i) : w.read().clone())));
        reference.setWeights(start);
        fast.setWeights(start);
        tf.dispose(start);
        const initial = fast.getWeights().map((w) => w.clone());
        // Sparse labels: the reference is the categorical loss on one-hot labels, which is what Keras
        // computes for both; tfjs-layers' own sparse loss clips twice and differs once saturated.
        const sparse = loss === 'sparseCategoricalCrossentropy';
        reference.compile({ optimizer: referenceOptimizer(o), loss: sparse ? 'categoricalCrossentropy' : loss, metrics: ['accuracy'] });
        const step = createTrainStep(fast, o);
        expect(step).not.toBeNull();
        let afterFirst = 0;
        for (let s = 0; s < STEPS; s++) {
          const { x, sparse: labels, oneHot } = batch(g, s);
          const [refLoss, refAcc] = (await reference.trainOnBatch(x, oneHot)) as number[];
          const mine = step!.run(x, sparse ? labels : oneHot);
          expect(mine.loss).toBeCloseTo(refLoss, 4);
          expect(mine.accuracy).toBeCloseTo(refAcc, 6);
          tf.dispose([x, labels, oneHot]);
          if (s === 0) afterFirst = tf.memory().numTensors; // the optimizers made their state
        }
        expect(tf.memory().numTensors).toBe(afterFirst); // nothing leaks per step
        expectSameTraining(reference, fast, initial, o.learningRate);
        // What no optimizer updates (batch-norm statistics, frozen layers) follows the batches
        // alone: no division by sqrt(v) magnifies rounding there, so it must agree closely.
        reference.weights.forEach((w, i) => {
          if (!trainable.has(w.originalName)) expect(maxRelDiff(fast.weights[i].read(), w.read())).toBeLessThan(1e-4);
        });
        tf.dispose(initial);
        step!.dispose();
        reference.dispose();
        fast.dispose();
      });
    }

    it('uniform noise lies in [0, 1), is spread evenly and differs from call to call', () => {
      const [a, b] = [uniformNoise([40, 1000]), uniformNoise([40, 1000])];
      const av = a.dataSync();
      expect(a.shape).toEqual([40, 1000]);
      expect(Math.min(...av)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...av)).toBeLessThan(1);
      const below = (q: number) => av.filter((v) => v < q).length / av.length;
      // 40,000 draws: each share is within 0.01 of q (more than 4 standard deviations).
      for (const q of [0.1, 0.25, 0.5, 0.9]) expect(Math.abs(below(q) - q)).toBeLessThan(0.01);
      expect(tf.tidy(() => tf.sum(tf.notEqual(a, b)).dataSync()[0])).toBeGreaterThan(39_000);
      tf.dispose([a, b]);
    });

    it('samples beyond the cross-entropy clip add -log(1e-7) or about 0 to the loss and no gradient, as trainOnBatch', async () => {
      // Logits 60 apart: a confident wrong sample (true-class probability ~1e-26, clipped to 1e-7),
      // a confident right one (probability ~1, clipped to 1 - 1e-7) and two moderate ones.
      const g = sequentialGraph([['input', { shape: [3] }], ['dense', { units: 3, activation: 'softmax' }]]);
      const reference = buildModel(network(g)).model;
      const fast = buildModel(network(g)).model;
      const start = [tf.tensor2d([[30, -30, 0], [-30, 30, 0], [0.5, 0.2, -0.4]]), tf.tensor1d([0, 0, 0])];
      reference.setWeights(start);
      fast.setWeights(start);
      const x = tf.tensor2d([[1, 0, 0], [1, 0, 0], [0, 0, 1], [0, 0.2, 1]]);
      const y = tf.tensor2d([[0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0]]);
      const o = options({ optimizer: 'sgd', learningRate: 0.5 });
      reference.compile({ optimizer: referenceOptimizer(o), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
      const step = createTrainStep(fast, o)!;
      const [refLoss] = (await reference.trainOnBatch(x, y)) as number[];
      const mine = step.run(x, y);
      // Sample 1 adds -log(1e-7) = 16.118, sample 2 about 0; the two moderate ones the rest.
      expect(mine.loss).toBeGreaterThan(16.118 / 4);
      expect(mine.loss).toBeCloseTo(refLoss, 5);
      const moved = (m: tf.LayersModel) => m.getWeights().map((w, i) => Array.from(tf.tidy(() => tf.sub(w, start[i]).dataSync())));
      const [mineMoved, refMoved] = [moved(fast), moved(reference)];
      mineMoved.flat().forEach((d, i) => expect(d).toBeCloseTo(refMoved.flat()[i], 6));
      // The clipped samples give no gradient: the first input feature (theirs alone) keeps its weights.
      expect(mineMoved[0].slice(0, 3)).toEqual([0, 0, 0]);
      expect(mineMoved[0].slice(6, 9).some((d) => d !== 0)).toBe(true);
      tf.dispose([x, y, ...start]);
      step.dispose();
      reference.dispose();
      fast.dispose();
    });

    it('dropout drops about rate of the units, scales the rest by 1 / (1 - rate), and passes the gradient through the same mask', () => {
      // One sample of 1,600 positive inputs -> dropout 0.3 -> dense softmax, one plain SGD step: a
      // dense kernel row changes exactly where its input unit was kept, by
      // -lr * x / 0.7 * (softmax(logits) - label), the logits taken from the kept, scaled inputs.
      const g = sequentialGraph([['input', { shape: [40, 40, 1] }], ['flatten'], ['dropout', { rate: 0.3 }], ['dense', { units: 10, activation: 'softmax' }]]);
      const { model } = buildModel(network(g));
      const lr = 0.5;
      const step = createTrainStep(model, options({ optimizer: 'sgd', learningRate: lr }))!;
      expect(step).not.toBeNull();
      const [kernel, bias] = model.getWeights().map((w) => w.dataSync().slice());
      const x = Float32Array.from({ length: 1600 }, (_, i) => 0.1 + ((i * 37) % 100) / 100);
      const xs = tf.tensor(x, [1, 40, 40, 1]);
      const y = tf.oneHot(tf.tensor1d([3], 'int32'), 10).toFloat();
      step.run(xs, y);
      const after = model.getWeights()[0].dataSync();
      const kept = Array.from({ length: 1600 }, (_, j) => after.subarray(j * 10, j * 10 + 10).some((v, c) => v !== kernel[j * 10 + c]));
      const share = kept.filter(Boolean).length / 1600;
      expect(Math.abs(share - 0.7)).toBeLessThan(0.06); // 1,600 units: 5 standard deviations
      const logits = Array.from(bias, (b, c) => kept.reduce((sum, k, j) => (k ? sum + (x[j] / 0.7) * kernel[j * 10 + c] : sum), b));
      const top = Math.max(...logits);
      const e = logits.map((l) => Math.exp(l - top));
      const dz = e.map((v, c) => v / e.reduce((p, q) => p + q, 0) - (c === 3 ? 1 : 0));
      let worst = 0;
      for (let j = 0; j < 1600; j++) for (let c = 0; c < 10; c++) worst = Math.max(worst, Math.abs(after[j * 10 + c] - kernel[j * 10 + c] - (kept[j] ? -lr * (x[j] / 0.7) * dz[c] : 0)));
      expect(worst).toBeLessThan(1e-5);
      tf.dispose([xs, y]);
      step.dispose();
      model.dispose();
    });

    it('the seed CNN with dropout learns; a separate softmax layer keeps the reference path', () => {
      const g = examples.find((e) => e.id === 'mnist-cnn')!.graph;
      const { model } = buildModel(network(g));
      const step = createTrainStep(model, options({ learningRate: 0.01 }))!;
      const { x, sparse, oneHot } = batch(g, 0);
      const first = step.run(x, oneHot).loss;
      let last = first;
      for (let s = 0; s < 30; s++) last = step.run(x, oneHot).loss;
      expect(last).toBeLessThan(first * 0.5);
      tf.dispose([x, sparse, oneHot]);
      step.dispose();
      model.dispose();
      const separate = sequentialGraph([['input', { shape: [8, 8, 1] }], ['conv2d', { filters: 2 }], ['flatten'], ['dense', { units: 10, activation: 'linear' }], ['activation', { activation: 'softmax' }]]);
      const built = buildModel(network(separate)).model;
      expect(createTrainStep(built, options({}))).toBeNull();
      built.dispose();
    });
  });
}

// Two threads (wasm): each takes half of the batch at the same weights, and the size-weighted mean
// of the halves' gradients is applied once, so N steps equal N steps of one thread on the whole
// batch, with the engine's step and, for a network it does not cover, with trainOnBatch's gradients.
describe('the two-thread step (wasm)', () => {
  const twoThreadNetworks: Record<string, Graph> = {
    'seed CNN without dropout': networks['seed CNN without dropout'],
    'same padding, stride 2, sigmoid, average pool, tanh dense': networks['same padding, stride 2, sigmoid, average pool, tanh dense'],
    'L2 and L1 regularizers': sequentialGraph([['input', { shape: [10, 10, 1] }], ['conv2d', { filters: 4, activation: 'relu', kernelRegularizer: { l1: 0, l2: 0.01 }, biasRegularizer: { l1: 0.001, l2: 0 } }], ['flatten'], ['dense', { units: 10, activation: 'softmax', kernelRegularizer: { l1: 0.001, l2: 0.01 } }]]),
    // Not split: each half would be normalised by its own batch statistics, so both runs take whole batches.
    'BatchNormalization (kept on one thread)': networks['batch normalization between same-padded convolutions'],
    'a separate softmax layer (not covered by the engine step)': sequentialGraph([['input', { shape: [8, 8, 1] }], ['conv2d', { filters: 2 }], ['flatten'], ['dense', { units: 10, activation: 'linear' }], ['activation', { activation: 'softmax' }]]),
  };
  let script = '';
  beforeAll(async () => {
    await useBackend('wasm');
    const root = join(__dirname, '../../..');
    script = join(root, 'out/main/gradWorker.js');
    if (!existsSync(script)) execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
  });

  it.each(Object.entries(twoThreadNetworks))('%s: 4 steps on two threads equal 4 steps on one', async (_name, g) => {
    const o = options({ optimizer: 'adam', learningRate: 0.01 });
    const shape: BatchShape = { inputShape: inferGraph(g).nodes[g.nodes[0].id].outputShape!.slice(1) as number[], classes: 10, sparse: false };
    const size = shape.inputShape.reduce((a, b) => a * b, 1);
    const samples = 45;
    const split: Split = { x: Uint8Array.from({ length: samples * size }, (_, i) => (i * 7919) % 251), scale: 1 / 255, labels: Uint8Array.from({ length: samples }, (_, i) => (i * 3) % 10) };
    const one = buildModel(network(g)).model;
    const two = buildModel(network(g)).model;
    two.setWeights(one.getWeights());
    for (const m of [one, two]) m.compile({ optimizer: tf.train.adam(o.learningRate), loss: o.loss, metrics: ['accuracy'] });
    const helper = await GradientHelper.start(network(g), o.loss, script);
    expect(helper).not.toBeNull();
    const single = chooseStep(one, o, null, split, shape, false);
    const parallel = chooseStep(two, o, helper, split, shape, false);
    const initial = one.getWeights().map((w) => w.clone());
    // 15 samples: halves of 8 and 7, so the mean must weigh them by size. A batch of one runs on
    // the first thread alone; the helper then starts the next step from the weights it reached.
    for (const [from, to] of [[0, 15], [15, 16], [16, 31], [31, 45]]) {
      const indices = Int32Array.from({ length: to - from }, (_, i) => from + i);
      const a = await single.run(indices);
      const b = await parallel.run(indices);
      expect(b.values[0]).toBeCloseTo(a.values[0], 4);
      expect(b.values[1]).toBeCloseTo(a.values[1], 6);
      expect(b.regLoss).toBeCloseTo(a.regLoss, 5);
    }
    expectSameTraining(one, two, initial, o.learningRate);
    tf.dispose(initial);
    single.dispose();
    parallel.dispose();
    await helper!.close();
    one.dispose();
    two.dispose();
  }, 60_000);
});
