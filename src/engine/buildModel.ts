// Graph -> tf.LayersModel. The graph is checked by shape inference first; its Keras names are kept.
import * as tf from '@tensorflow/tfjs';
import type { Graph, LayerNode } from '@shared/graph/model';
import { orderedLayers } from '@shared/interop';
import { LEAKY_RELU_ALPHA, splitActivation as split } from '@shared/interop/tfjsActivation';

/** TF.js' rule for layer and weight names (Keras names such as "dense 1" or ".." break it). */
const TF_NAME = /^[A-Za-z_][\w.-]*$/;

/**
 * The tf layer name of each node: its own name where TF.js accepts it (saved weights are keyed by
 * it), else one made from it, unique in the model and the same for the same network.
 */
function tfNames(nodes: LayerNode[]): Map<string, string> {
  const taken = new Set(nodes.map((n) => n.name).filter((name) => TF_NAME.test(name)));
  const names = new Map<string, string>();
  for (const node of nodes) {
    if (TF_NAME.test(node.name)) {
      names.set(node.id, node.name);
      continue;
    }
    const base = `layer_${node.name.replace(/[^\w.-]+/g, '_').slice(0, 60)}`;
    let name = base;
    for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    names.set(node.id, name);
  }
  return names;
}

function layersFor(node: LayerNode, name: string, inputShape: number[] | undefined): tf.layers.Layer[] {
  const base = { name, ...(inputShape ? { inputShape } : {}) };
  const leaky = (): tf.layers.Layer => tf.layers.leakyReLU({ alpha: LEAKY_RELU_ALPHA, name: `${name}_leaky_relu` });
  switch (node.kind) {
    case 'input':
      return [];
    case 'conv2d': {
      const p = node.params;
      const a = split(p.activation);
      const conv = tf.layers.conv2d({ ...base, filters: p.filters, kernelSize: p.kernelSize, strides: p.strides, padding: p.padding, activation: a.activation, useBias: p.useBias });
      return a.leaky ? [conv, leaky()] : [conv];
    }
    case 'maxPooling2d':
      return [tf.layers.maxPooling2d({ ...base, poolSize: node.params.poolSize, strides: node.params.strides ?? node.params.poolSize, padding: node.params.padding })];
    case 'averagePooling2d':
      return [tf.layers.averagePooling2d({ ...base, poolSize: node.params.poolSize, strides: node.params.strides ?? node.params.poolSize, padding: node.params.padding })];
    case 'globalAveragePooling2d':
      return [tf.layers.globalAveragePooling2d(base)];
    case 'flatten':
      return [tf.layers.flatten(base)];
    case 'dropout':
      return [tf.layers.dropout({ ...base, rate: node.params.rate })];
    case 'dense': {
      const p = node.params;
      const a = split(p.activation);
      const dense = tf.layers.dense({ ...base, units: p.units, activation: a.activation, useBias: p.useBias });
      return a.leaky ? [dense, leaky()] : [dense];
    }
    case 'batchNormalization':
      return [tf.layers.batchNormalization({ ...base, ...node.params })];
    case 'activation':
      return node.params.activation === 'leakyRelu' ? [tf.layers.leakyReLU({ ...base, alpha: LEAKY_RELU_ALPHA })] : [tf.layers.activation({ ...base, activation: node.params.activation })];
  }
}

export interface BuiltModel {
  model: tf.Sequential;
  inputShape: number[];
  /** For each graph layer, the name of the tf layer whose output is that layer's output. */
  outputLayerOf: Map<string, string>;
  /** For each graph layer, the name of the tf layer that holds its weights. */
  layerOf: Map<string, string>;
}

export function buildModel(graph: Graph): BuiltModel {
  const layers = orderedLayers(graph);
  if (!layers.ok) throw new Error(layers.error);
  const [input, ...rest] = layers.value;
  if (input.kind !== 'input') throw new Error('The network must start with an Input layer.');
  const inputShape = input.params.shape;
  const model = tf.sequential({ name: 'netbuilder' });
  const outputLayerOf = new Map<string, string>();
  const layerOf = tfNames(rest);
  rest.forEach((node, i) => {
    const built = layersFor(node, layerOf.get(node.id)!, i === 0 ? inputShape : undefined);
    built.forEach((l) => model.add(l));
    outputLayerOf.set(node.id, built[built.length - 1].name);
  });
  return { model, inputShape, outputLayerOf, layerOf };
}

export { sameNetwork } from '@shared/graph/sameNetwork';
