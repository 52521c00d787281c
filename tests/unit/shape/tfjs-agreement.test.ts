import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LayerNode } from '@shared/graph/model';
import { sequentialGraph, type LayerEntry } from '@shared/graph/ops';
import { inferGraph } from '@shared/shape/infer';

// Our shape and parameter rules against tfjs-layers' own, on random Sequential stacks.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const side = fc.integer({ min: 1, max: 5 });
const pairArb = fc.tuple(side, side);
const stride = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }));
const padding = fc.constantFrom('valid' as const, 'same' as const);
const activation = fc.constantFrom('relu' as const, 'linear' as const, 'sigmoid' as const, 'tanh' as const);

const imageLayer: fc.Arbitrary<LayerEntry> = fc.oneof(
  fc.record({ filters: fc.integer({ min: 1, max: 8 }), kernelSize: pairArb, strides: stride, padding, activation, useBias: fc.boolean() }).map((p): LayerEntry => ['conv2d', p]),
  fc.record({ poolSize: pairArb, strides: fc.option(stride, { nil: null }), padding }).map((p): LayerEntry => ['maxPooling2d', p]),
  fc.record({ poolSize: pairArb, strides: fc.option(stride, { nil: null }), padding }).map((p): LayerEntry => ['averagePooling2d', p]),
  fc.record({ momentum: fc.constant(0.99), epsilon: fc.constant(0.001), center: fc.boolean(), scale: fc.boolean() }).map((p): LayerEntry => ['batchNormalization', p]),
  fc.constant<LayerEntry>(['dropout', { rate: 0.25 }]),
  activation.map((a): LayerEntry => ['activation', { activation: a }]),
);
const head: fc.Arbitrary<LayerEntry[]> = fc.oneof(
  fc.constant<LayerEntry[]>([['flatten']]),
  fc.constant<LayerEntry[]>([['globalAveragePooling2d']]),
  fc.constant<LayerEntry[]>([]),
);

function toTfjs(node: LayerNode, inputShape?: number[]): tf.layers.Layer {
  const base = { name: node.name, ...(inputShape ? { inputShape } : {}) };
  switch (node.kind) {
    case 'conv2d':
      return tf.layers.conv2d({ ...base, ...node.params, activation: node.params.activation as 'relu', kernelRegularizer: undefined, biasRegularizer: undefined });
    case 'maxPooling2d':
      return tf.layers.maxPooling2d({ ...base, poolSize: node.params.poolSize, strides: node.params.strides ?? undefined, padding: node.params.padding });
    case 'averagePooling2d':
      return tf.layers.averagePooling2d({ ...base, poolSize: node.params.poolSize, strides: node.params.strides ?? undefined, padding: node.params.padding });
    case 'batchNormalization':
      return tf.layers.batchNormalization({ ...base, ...node.params });
    case 'dropout':
      return tf.layers.dropout({ ...base, rate: node.params.rate });
    case 'activation':
      return tf.layers.activation({ ...base, activation: node.params.activation as 'relu' });
    case 'flatten':
      return tf.layers.flatten(base);
    case 'globalAveragePooling2d':
      return tf.layers.globalAveragePooling2d(base);
    case 'dense':
      return tf.layers.dense({ ...base, units: node.params.units, activation: node.params.activation as 'relu', useBias: node.params.useBias });
    default:
      throw new Error(`no tfjs layer for ${node.kind}`);
  }
}

describe('shapes and counts agree with tfjs-layers', () => {
  it('on random valid Sequential stacks', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 4, max: 32 }), fc.integer({ min: 4, max: 32 }), fc.integer({ min: 1, max: 4 })),
        fc.array(imageLayer, { minLength: 1, maxLength: 5 }),
        head,
        fc.integer({ min: 1, max: 12 }),
        (inputShape, body, tail, units) => {
          const graph = sequentialGraph([['input', { shape: inputShape }], ...body, ...tail, ['dense', { units, activation: 'softmax' }]]);
          const info = inferGraph(graph);
          fc.pre(info.valid); // a window larger than its input is an error here (tfjs gives a 0 size)
          checked++;
          const model = tf.sequential();
          graph.nodes.slice(1).forEach((node, i) => model.add(toTfjs(node, i === 0 ? inputShape : undefined)));
          graph.nodes.slice(1).forEach((node, i) => {
            const layer = model.layers[i];
            expect(info.nodes[node.id].outputShape, node.name).toEqual(layer.outputShape);
            expect(info.nodes[node.id].params.total, node.name).toBe(layer.countParams());
            const trainable = layer.trainableWeights.reduce((s, w) => s + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);
            expect(info.nodes[node.id].params.trainable, node.name).toBe(trainable);
          });
          model.dispose();
        },
      ),
      { numRuns: 150 },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it('where we report a window larger than its input, tfjs computes an empty output', () => {
    const graph = sequentialGraph([['input', { shape: [4, 4, 1] }], ['conv2d', { kernelSize: [5, 5] }]]);
    expect(inferGraph(graph).valid).toBe(false);
    const model = tf.sequential();
    model.add(toTfjs(graph.nodes[1], [4, 4, 1]));
    expect(model.layers[0].outputShape).toEqual([null, 0, 0, 32]);
    model.dispose();
  });
});

describe('inferGraph never throws', () => {
  it('on random, often malformed graphs', () => {
    const kinds = ['input', 'conv2d', 'maxPooling2d', 'averagePooling2d', 'globalAveragePooling2d', 'flatten', 'dropout', 'dense', 'batchNormalization', 'activation', 'bogus'];
    const anything = fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null), fc.array(fc.integer({ min: -3, max: 40 }), { maxLength: 4 }), fc.boolean());
    const nodeArb = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      kind: fc.constantFrom(...kinds),
      name: fc.string(),
      params: fc.oneof(fc.constant(null), fc.dictionary(fc.constantFrom('filters', 'kernelSize', 'strides', 'padding', 'activation', 'units', 'rate', 'shape', 'poolSize', 'useBias'), anything)),
      position: fc.constant({ x: 0, y: 0 }),
    });
    const edgeArb = fc.record({ id: fc.string(), source: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'zz'), target: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f') });
    fc.assert(
      fc.property(fc.array(nodeArb, { maxLength: 8 }), fc.array(edgeArb, { maxLength: 12 }), (nodes, edges) => {
        const info = inferGraph({ nodes, edges } as never);
        expect(typeof info.valid).toBe('boolean');
        if (info.valid) expect(Object.values(info.nodes).every((n) => n.outputShape !== null)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
