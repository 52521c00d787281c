// Kernel and bias regularizers train as in Keras: with the weights and batch of
// tests/keras/regularization.py, the engine's penalty is Keras' sum(model.losses), the loss of a
// step is Keras' train_on_batch loss (data loss + penalty), and one plain SGD step leaves Keras'
// weights, including a bias at 0 under L1, where |b| has no gradient in TensorFlow.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sequentialGraph, type LayerEntry } from '@shared/graph/ops';
import type { Regularizer } from '@shared/layers/regularizer';
import type { Activation } from '@shared/graph/model';
import { useBackend } from '../../../src/engine/backend';
import { buildModel } from '../../../src/engine/buildModel';
import { penalty, regularizationLoss } from '../../../src/engine/regularization';
import { createTrainStep } from '../../../src/engine/trainStep';
import { batchGradients } from '../../../src/engine/gradients';
import { TrainOptionsSchema } from '@shared/training/options';
import type { BatchProgress, EpochMetrics } from '@shared/ipc/training';
import { train } from '../../../src/engine/trainer';
import { backendsUnderTest } from '../helpers/backends';
import { network } from '../helpers/network';

interface KerasStep {
  layers: { class: string; config: { units?: number; filters?: number; kernel_size?: [number, number]; activation?: string }; kernelRegularizer: Regularizer; biasRegularizer: Regularizer }[];
  inputShape: number[];
  learningRate: number;
  weights: { shape: number[]; values: number[] }[];
  x: number[];
  y: number[];
  dataLoss: number;
  regLoss: number;
  evaluateLoss: number;
  trainLoss: number;
  weightsAfter: number[][];
}

const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/keras/regularization.json'), 'utf8')) as Record<string, KerasStep | string>;
const cases = Object.entries(fixture).filter((e): e is [string, KerasStep] => typeof e[1] === 'object');
const backends = await backendsUnderTest();

/** The Keras case's network as the app's layers. */
function graphOf(c: KerasStep) {
  const layers: LayerEntry[] = [['input', { shape: c.inputShape }]];
  for (const l of c.layers) {
    const regularizers = { kernelRegularizer: l.kernelRegularizer, biasRegularizer: l.biasRegularizer };
    if (l.class === 'Dense') layers.push(['dense', { units: l.config.units, activation: l.config.activation as Activation, ...regularizers }]);
    else if (l.class === 'Conv2D') layers.push(['conv2d', { filters: l.config.filters, kernelSize: l.config.kernel_size, activation: l.config.activation as Activation, ...regularizers }]);
    else if (l.class === 'Flatten') layers.push(['flatten']);
    else throw new Error(`no layer for ${l.class}`);
  }
  return sequentialGraph(layers);
}

/** The model with the case's weights, set layer by layer (a frozen layer's come last in model.weights). */
function modelOf(c: KerasStep, frozen: number[] = []): tf.LayersModel {
  const g = graphOf(c);
  for (const i of frozen) g.nodes[i].trainable = false;
  const { model } = buildModel(network(g));
  let next = 0;
  for (const layer of model.layers) {
    const n = layer.weights.length;
    layer.setWeights(c.weights.slice(next, next + n).map((w) => tf.tensor(w.values, w.shape)));
    next += n;
  }
  return model;
}

const batchOf = (c: KerasStep): { x: tf.Tensor; y: tf.Tensor } => ({ x: tf.tensor(c.x, [c.y.length / 3, ...c.inputShape]), y: tf.tensor(c.y, [c.y.length / 3, 3]) });

function maxDiff(model: tf.LayersModel, expected: number[][]): number {
  return Math.max(...model.getWeights().map((w, i) => Math.max(...Array.from(w.dataSync()).map((v, j) => Math.abs(v - expected[i][j])))));
}

for (const b of backends) {
  describe.skipIf(b.skip)(`regularizers as Keras computes them ${b.title}`, () => {
    beforeAll(async () => {
      await useBackend(b.name);
    });

    it('the penalty and its gradient: l1 * sign(w) + 2 * l2 * w, 0 for |w| at 0', () => {
      const w = tf.tensor([-2, 0, 0.5]);
      const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => penalty(x, 0.1, 0.01))(w);
      expect(value.dataSync()[0]).toBeCloseTo(0.1 * 2.5 + 0.01 * 4.25, 6);
      expect(Array.from(grad.dataSync())).toEqual([expect.closeTo(-0.1 - 0.04, 6), 0, expect.closeTo(0.1 + 0.01, 6)]);
      tf.dispose([w, value, grad]);
    });

    it.each(cases)('%s: the penalty is Keras\' sum(model.losses)', (_name, c) => {
      const model = modelOf(c);
      const reg = regularizationLoss(model)!;
      expect(reg.dataSync()[0]).toBeCloseTo(c.regLoss, 5);
      reg.dispose();
      model.dispose();
    });

    it.each(cases)('%s: trainOnBatch reports Keras\' loss and takes Keras\' SGD step', async (_name, c) => {
      const model = modelOf(c);
      model.compile({ optimizer: tf.train.sgd(c.learningRate), loss: 'categoricalCrossentropy' });
      const { x, y } = batchOf(c);
      const loss = (await model.trainOnBatch(x, y)) as number;
      expect(loss).toBeCloseTo(c.trainLoss, 5);
      expect(maxDiff(model, c.weightsAfter)).toBeLessThan(1e-6);
      tf.dispose([x, y]);
      model.optimizer.dispose();
      model.dispose();
    });

    it.each(cases)('%s: the engine\'s own step reports Keras\' loss and penalty and takes Keras\' SGD step', (_name, c) => {
      const model = modelOf(c);
      const step = createTrainStep(model, TrainOptionsSchema.parse({ optimizer: 'sgd', learningRate: c.learningRate, momentum: 0, loss: 'categoricalCrossentropy' }));
      expect(step).not.toBeNull();
      const { x, y } = batchOf(c);
      const r = step!.run(x, y);
      expect(r.loss).toBeCloseTo(c.trainLoss, 5);
      expect(r.regLoss).toBeCloseTo(c.regLoss, 5);
      expect(r.loss - r.regLoss).toBeCloseTo(c.dataLoss, 5);
      expect(maxDiff(model, c.weightsAfter)).toBeLessThan(1e-6);
      tf.dispose([x, y]);
      step!.dispose();
      model.dispose();
    });

    it.each(cases)('%s: two half batches\' gradients (two threads) give Keras\' loss and SGD step', (_name, c) => {
      const model = modelOf(c);
      const { x, y } = batchOf(c);
      const n = x.shape[0]!;
      const half = Math.ceil(n / 2);
      const [a, b] = [batchGradients(model, 'categoricalCrossentropy', x.slice(0, half), y.slice(0, half)), batchGradients(model, 'categoricalCrossentropy', x.slice(half), y.slice(half))];
      const w = half / n;
      // As the two-thread step averages them: by size.
      expect(a.loss * w + b.loss * (1 - w)).toBeCloseTo(c.trainLoss, 5);
      expect(a.regLoss).toBeCloseTo(c.regLoss, 5);
      const vars = model.trainableWeights.map((v) => v.read() as tf.Variable);
      vars.forEach((v, i) => v.assign(tf.tidy(() => v.sub(a.grads[i].mul(w).add(b.grads[i].mul(1 - w)).mul(c.learningRate)))));
      expect(maxDiff(model, c.weightsAfter)).toBeLessThan(1e-6);
      tf.dispose([x, y, ...a.grads, ...b.grads]);
      model.dispose();
    });

    it.each(cases)('%s: the engine\'s gradients of two half batches (the two-thread step) give Keras\' loss and SGD step', (_name, c) => {
      const model = modelOf(c);
      const step = createTrainStep(model, TrainOptionsSchema.parse({ optimizer: 'sgd', learningRate: c.learningRate, momentum: 0, loss: 'categoricalCrossentropy' }))!;
      const { x, y } = batchOf(c);
      const n = x.shape[0]!;
      const half = Math.ceil(n / 2);
      const [a, b] = [step.gradients(x.slice(0, half), y.slice(0, half)), step.gradients(x.slice(half), y.slice(half))];
      const w = half / n;
      expect(a.loss * w + b.loss * (1 - w)).toBeCloseTo(c.trainLoss, 5);
      expect(a.regLoss).toBeCloseTo(c.regLoss, 5);
      const mean = tf.tidy(() => a.flat.mul(w).add(b.flat.mul(1 - w)) as tf.Tensor1D);
      step.apply(mean);
      expect(maxDiff(model, c.weightsAfter)).toBeLessThan(1e-6);
      tf.dispose([x, y, a.flat, b.flat, mean]);
      step.dispose();
      model.dispose();
    });

    it('a frozen layer adds no penalty, as in Keras 3 (which sums the regularizers of trainable weights)', () => {
      const c = cases[0][1];
      const model = modelOf(c, [1]);
      const all = modelOf(c);
      const [frozen, full] = [regularizationLoss(model)!, regularizationLoss(all)!];
      const first = tf.tidy(() => penalty(tf.tensor(c.weights[0].values), 0.01, 0.02).add(penalty(tf.tensor(c.weights[1].values), 0.05, 0)));
      expect(frozen.dataSync()[0]).toBeCloseTo(full.dataSync()[0] - first.dataSync()[0], 5);
      tf.dispose([frozen, full, first]);
      model.dispose();
      all.dispose();
    });
  });
}

describe('a training run splits the loss into data loss and regularization loss', () => {
  const data = { kind: 'toy', shape: 'spiral', samples: 100, testSamples: 30, classes: 3, noise: 0.2, seed: 1 } as const;
  const graphWith = (l2: number) =>
    sequentialGraph([['input', { shape: [2] }], ['dense', { units: 16, activation: 'relu', kernelRegularizer: l2 > 0 ? { l1: 0, l2 } : null }], ['dense', { units: 3, activation: 'softmax' }]]);

  it('loss = data loss + penalty for training and validation, in batch and epoch reports; none without regularizers', async () => {
    const epochs: EpochMetrics[] = [];
    const batches: BatchProgress[] = [];
    const options = TrainOptionsSchema.parse({ dataset: data, epochs: 3, batchSize: 32, learningRate: 0.01, validationSplit: 0.2, seed: 3 });
    const result = await train('reg', network(graphWith(0.05)), options, { epoch: (m) => epochs.push(m), batch: (b) => batches.push(b) });
    expect(epochs).toHaveLength(3);
    for (const e of epochs) {
      expect(e.regLoss).toBeGreaterThan(0);
      expect(e.dataLoss! + e.regLoss!).toBeCloseTo(e.loss, 6);
      expect(e.valDataLoss).toBeGreaterThan(0);
    }
    for (const b of batches) expect(b.dataLoss! + b.regLoss!).toBeCloseTo(b.loss, 6);
    // Validation adds the penalty at the epoch's last weights, as Keras' evaluate does: the run ends there.
    const last = epochs[epochs.length - 1];
    const reg = regularizationLoss(result.model)!;
    expect(last.valLoss! - last.valDataLoss!).toBeCloseTo(reg.dataSync()[0], 5);
    reg.dispose();
    result.model.dispose();

    const plain: EpochMetrics[] = [];
    const other = await train('plain', network(graphWith(0)), options, { epoch: (m) => plain.push(m) });
    expect(plain.map((e) => [e.dataLoss, e.regLoss, e.valDataLoss])).toEqual(plain.map(() => [null, null, null]));
    other.model.dispose();
  }, 120_000);
});
