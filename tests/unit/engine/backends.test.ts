import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { examples } from '@shared/examples';
import { sequentialGraph } from '@shared/graph/ops';
import type { Graph } from '@shared/graph/model';
import { inferGraph } from '@shared/shape/infer';
import { useBackend } from '../../../src/engine/backend';
import { network } from '../helpers/network';
import { buildModel } from '../../../src/engine/buildModel';
import { batchGradients } from '../../../src/engine/gradients';
import { backendsUnderTest } from '../helpers/backends';

// Each backend the engine trains on against TensorFlow.js' reference cpu kernels: the same output
// shapes as the shape rules (which match Keras), and the same gradients on small networks.
const backends = await backendsUnderTest();

const small: Record<string, Graph> = {
  'conv valid + max pool + dense': sequentialGraph([['input', { shape: [9, 9, 2] }], ['conv2d', { filters: 4, kernelSize: [3, 3], activation: 'relu' }], ['maxPooling2d'], ['flatten'], ['dense', { units: 5, activation: 'softmax' }]]),
  'conv same stride 2 + average pool + tanh dense': sequentialGraph([['input', { shape: [8, 8, 1] }], ['conv2d', { filters: 3, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'sigmoid' }], ['averagePooling2d'], ['flatten'], ['dense', { units: 6, activation: 'tanh' }], ['dense', { units: 5, activation: 'softmax' }]]),
  'two convs + global average pool': sequentialGraph([['input', { shape: [10, 10, 1] }], ['conv2d', { filters: 4, kernelSize: [3, 3], activation: 'relu' }], ['conv2d', { filters: 6, kernelSize: [2, 2], activation: 'relu' }], ['globalAveragePooling2d'], ['dense', { units: 5, activation: 'softmax' }]]),
  'mlp': sequentialGraph([['input', { shape: [7, 7] }], ['flatten'], ['dense', { units: 16, activation: 'relu' }], ['dense', { units: 5, activation: 'softmax' }]]),
};

interface Reference {
  weights: { values: Float32Array; shape: number[] }[];
  x: Float32Array;
  y: Float32Array;
  grads: Float32Array[];
  loss: number;
}

function inputsFor(g: Graph, n: number): { x: tf.Tensor; y: tf.Tensor } {
  const shape = inferGraph(g).nodes[g.nodes[0].id].outputShape!.slice(1) as number[];
  const x = tf.randomUniform([n, ...shape], 0, 1, 'float32', 7);
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, i) => (i * 3) % 5), 'int32'), 5);
  return { x, y };
}

/** Gradients of the mean cross-entropy on the cpu backend: values cross backends as plain arrays only. */
const reference = new Map<string, Reference>();
beforeAll(async () => {
  await useBackend('cpu');
  for (const [name, g] of Object.entries(small)) {
    const { model } = buildModel(network(g));
    const { x, y } = inputsFor(g, 6);
    const r = batchGradients(model, 'categoricalCrossentropy', x, y);
    reference.set(name, {
      weights: model.getWeights().map((w) => ({ values: w.dataSync() as Float32Array, shape: w.shape })),
      x: x.dataSync() as Float32Array,
      y: y.dataSync() as Float32Array,
      grads: r.grads.map((t) => t.dataSync() as Float32Array),
      loss: r.loss,
    });
    tf.dispose([x, y, ...r.grads]);
    model.dispose();
  }
});

function maxRelError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 1e-3;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / scale);
  return worst;
}

for (const b of backends) {
  describe.skipIf(b.skip)(b.title, () => {
    beforeAll(async () => {
      await useBackend(b.name);
    });

    it.each(['mnist-cnn', 'mnist-mlp', 'lenet5', 'vgg-blocks'])('%s: every layer outputs the shape the shape rules give', (id) => {
      const g = examples.find((e) => e.id === id)!.graph;
      const info = inferGraph(g);
      const { model, outputLayerOf } = buildModel(network(g));
      expect(tf.getBackend()).toBe(b.name);
      const x = tf.zeros([2, ...(info.nodes[g.nodes[0].id].outputShape!.slice(1) as number[])]);
      const outputs = g.nodes.slice(1).map((n) => model.getLayer(outputLayerOf.get(n.id)!).output as tf.SymbolicTensor);
      const probe = tf.model({ inputs: model.inputs, outputs });
      const actual = (probe.predict(x) as tf.Tensor[]).map((t) => t.shape.slice(1));
      const expected = g.nodes.slice(1).map((n) => (info.nodes[n.id].outputShape as number[]).slice(1));
      expect(actual).toEqual(expected);
      tf.dispose(x);
      model.dispose();
    });

    it.each(Object.keys(small))('%s: gradients equal the cpu reference within 1e-4', (name) => {
      const ref = reference.get(name)!;
      const { model } = buildModel(network(small[name]));
      model.setWeights(ref.weights.map((w) => tf.tensor(w.values, w.shape)));
      const { x, y } = inputsFor(small[name], 6);
      expect(maxRelError(x.dataSync(), ref.x)).toBe(0);
      const r = batchGradients(model, 'categoricalCrossentropy', x, y);
      expect(r.loss).toBeCloseTo(ref.loss, 5);
      r.grads.forEach((g, i) => expect(maxRelError(g.dataSync(), ref.grads[i])).toBeLessThan(1e-4));
      tf.dispose([x, y, ...r.grads]);
      model.dispose();
    });
  });
}

describe('the wasm backend reports its kernels', () => {
  it("runs with NetBuilder's SIMD kernels, and says so where the backend is reported", async () => {
    const info = await useBackend('wasm');
    expect(info.reason).toMatch(/using WebAssembly \(SIMD\) with NetBuilder's SIMD kernels\.$/);
  });
});
