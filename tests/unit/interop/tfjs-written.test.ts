// Models written by tfjs-layers itself (model.toJSON(), the topology of the model.json that
// model.save() writes) import with the shapes and counts tfjs computes: tfjs's own spellings
// (Keras 2 style: `alpha` on LeakyReLU, `max_value` on ReLU, list-form inbound_nodes, its
// activation names) are read, for every layer kind both have.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { importKerasJson } from '@shared/interop';
import { inferGraph } from '@shared/shape/infer';

tf.setBackend('cpu');

type Build = () => tf.LayersModel;
const seq = (inputShape: number[], ...layers: tf.layers.Layer[]): tf.LayersModel => {
  const [first, ...rest] = layers;
  const input = tf.input({ shape: inputShape });
  let x = first.apply(input) as tf.SymbolicTensor;
  for (const l of rest) x = l.apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: x });
};
const sequential = (inputShape: number[], ...layers: tf.layers.Layer[]): tf.LayersModel => {
  const m = tf.sequential();
  m.add(tf.layers.inputLayer({ inputShape }));
  for (const l of layers) m.add(l);
  return m;
};

const cases: Record<string, Build> = {
  conv2d: () => sequential([28, 28, 1], tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu' })),
  'conv2d-dilated-same': () => sequential([15, 17, 2], tf.layers.conv2d({ filters: 4, kernelSize: [3, 5], dilationRate: [2, 3], padding: 'same', useBias: false })),
  'conv2d-strided': () => sequential([28, 28, 3], tf.layers.conv2d({ filters: 6, kernelSize: 5, strides: 2, padding: 'same', activation: 'tanh' })),
  maxPooling2d: () => sequential([13, 13, 4], tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' })),
  averagePooling2d: () => sequential([9, 9, 2], tf.layers.averagePooling2d({ poolSize: 2 })),
  globalAveragePooling2d: () => sequential([7, 7, 5], tf.layers.globalAveragePooling2d({})),
  globalMaxPooling2d: () => sequential([7, 7, 5], tf.layers.globalMaxPooling2d({})),
  flatten: () => sequential([5, 4, 3], tf.layers.flatten()),
  dropout: () => sequential([10], tf.layers.dropout({ rate: 0.3 })),
  dense: () => sequential([784], tf.layers.dense({ units: 16, activation: 'softmax' })),
  'dense-sigmoid-nobias': () => sequential([6, 5], tf.layers.dense({ units: 7, activation: 'sigmoid', useBias: false })),
  'dense-linear': () => sequential([4], tf.layers.dense({ units: 2, activation: 'linear' })),
  batchNormalization: () => sequential([8, 8, 4], tf.layers.batchNormalization({ momentum: 0.9, center: false })),
  activation: () => sequential([10], tf.layers.activation({ activation: 'tanh' })),
  softmax: () => sequential([4, 5], tf.layers.softmax({ axis: 1 })),
  reshape: () => sequential([16], tf.layers.reshape({ targetShape: [4, 4, 1] })),
  zeroPadding2d: () => sequential([5, 6, 2], tf.layers.zeroPadding2d({ padding: [[1, 2], [3, 4]] })),
  upSampling2d: () => sequential([4, 5, 3], tf.layers.upSampling2d({ size: [2, 3] })),
  leakyRelu: () => sequential([10], tf.layers.leakyReLU({ alpha: 0.1 })),
  relu: () => sequential([10], tf.layers.reLU({ maxValue: 6 })),
  merges: () => {
    const input = tf.input({ shape: [8, 8, 4] });
    const a = tf.layers.conv2d({ filters: 4, kernelSize: 1 }).apply(input) as tf.SymbolicTensor;
    const b = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same' }).apply(input) as tf.SymbolicTensor;
    const added = tf.layers.add().apply([a, b]) as tf.SymbolicTensor;
    const multiplied = tf.layers.multiply().apply([a, b]) as tf.SymbolicTensor;
    const averaged = tf.layers.average().apply([input, a, b]) as tf.SymbolicTensor;
    const joined = tf.layers.concatenate({ axis: -1 }).apply([averaged, added, multiplied]) as tf.SymbolicTensor;
    const flat = tf.layers.flatten().apply(joined) as tf.SymbolicTensor;
    return tf.model({ inputs: input, outputs: tf.layers.dense({ units: 3, activation: 'softmax' }).apply(flat) as tf.SymbolicTensor });
  },
  'functional-chain': () => seq([28, 28, 1], tf.layers.conv2d({ filters: 4, kernelSize: 3 }), tf.layers.flatten(), tf.layers.dense({ units: 10 })),
};

const size = (ws: tf.LayerVariable[]): number => ws.reduce((s, w) => s + w.shape.reduce<number>((a, b) => a * (b ?? 0), 1), 0);

describe('a model.json tfjs-layers writes imports with the numbers tfjs computes', () => {
  it.each(Object.keys(cases))('%s', (name) => {
    const model = cases[name]();
    const json = JSON.stringify({ format: 'layers-model', generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`, modelTopology: model.toJSON(null, false), weightsManifest: [] });
    const imported = importKerasJson(json);
    if (!imported.ok) throw new Error(imported.error);
    const info = inferGraph(imported.value.graph);
    expect(info.valid).toBe(true);
    expect([info.totals.total, info.totals.trainable, info.totals.nonTrainable]).toEqual([model.countParams(), size(model.trainableWeights), size(model.nonTrainableWeights)]);
    // Every layer's output shape, by name.
    for (const layer of model.layers) {
      const node = imported.value.graph.nodes.find((n) => n.name === layer.name);
      expect(node, layer.name).toBeDefined();
      expect(info.nodes[node!.id].outputShape, layer.name).toEqual(layer.outputShape);
    }
    model.dispose();
  });

  it('keeps LeakyReLU\'s alpha and ReLU\'s max_value as tfjs wrote them', () => {
    const model = sequential([10], tf.layers.leakyReLU({ alpha: 0.1 }), tf.layers.reLU({ maxValue: 6 }));
    const imported = importKerasJson(JSON.stringify(model.toJSON(null, false)));
    if (!imported.ok) throw new Error(imported.error);
    const [, leaky, relu] = imported.value.graph.nodes;
    expect(leaky.params).toMatchObject({ negativeSlope: 0.1 });
    expect(relu.params).toMatchObject({ maxValue: 6 });
  });

  it('refuses a tfjs activation NetBuilder does not have, naming it and the layer', () => {
    const model = sequential([4], tf.layers.dense({ units: 2, activation: 'hardSigmoid' }));
    const imported = importKerasJson(JSON.stringify(model.toJSON(null, false)));
    expect(imported).toMatchObject({ ok: false, error: expect.stringMatching(/dense.*hard.?sigmoid/i) });
  });
});
