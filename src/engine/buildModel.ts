// A network's layers -> tf.LayersModel, keeping their Keras names. The caller has run shape
// inference once (src/shared/shape/network.ts) and passes the layers in the order it found.
import * as tf from '@tensorflow/tfjs';
import type { LayerNode } from '@shared/graph/model';
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

/** The tf layer that gives a node's output: a leaky ReLU is a layer of its own after the conv or dense. */
function outputLayerName(node: LayerNode, name: string): string {
  const activation = node.kind === 'conv2d' || node.kind === 'dense' ? node.params.activation : null;
  return activation && split(activation).leaky ? `${name}_leaky_relu` : name;
}

function layersFor(node: LayerNode, name: string, inputShape: number[] | undefined): tf.layers.Layer[] {
  const base = { name, ...(inputShape ? { inputShape } : {}) };
  const leaky = (): tf.layers.Layer => tf.layers.leakyReLU({ alpha: LEAKY_RELU_ALPHA, name: outputLayerName(node, name) });
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

/** The input shape and the tf layer names of each layer after the Input; no tf model is built. */
export function modelLayout(layers: readonly LayerNode[]): Omit<BuiltModel, 'model'> {
  const [input, ...rest] = layers;
  if (input?.kind !== 'input') throw new Error('The network must start with an Input layer.');
  const layerOf = tfNames(rest);
  const outputLayerOf = new Map(rest.map((node) => [node.id, outputLayerName(node, layerOf.get(node.id)!)]));
  return { inputShape: input.params.shape, outputLayerOf, layerOf };
}

/** The tf model of a network's layers, in the order shape inference gave them (Input first). */
export function buildModel(layers: readonly LayerNode[]): BuiltModel {
  const { inputShape, outputLayerOf, layerOf } = modelLayout(layers);
  const model = tf.sequential({ name: 'netbuilder' });
  layers.slice(1).forEach((node, i) => layersFor(node, layerOf.get(node.id)!, i === 0 ? inputShape : undefined).forEach((l) => model.add(l)));
  return { model, inputShape, outputLayerOf, layerOf };
}
