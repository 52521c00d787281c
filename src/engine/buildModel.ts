// A network -> tf.LayersModel with the functional API, so branches and merges build as drawn. The
// caller has run shape inference once (src/shared/shape/network.ts) and passes what it found; each
// layer kind's file gives its tf.layers calls, and its Keras name is kept.
import * as tf from '@tensorflow/tfjs';
import type { LayerNode } from '@shared/graph/model';
import { inputsOf } from '@shared/graph/ops';
import { anySpec } from '@shared/layers/registry';
import type { Network } from '@shared/shape/network';
import { withRegularizers } from './regularization';
import { augmentationLayers } from './augmentLayers';
import { BilinearUpSampling2D } from './upSampling';

/** Layers the engine defines itself, by the name the layer files give them (TfjsLayerCall.fn with custom: true). */
const customLayers: Record<string, (args: Record<string, unknown>) => tf.layers.Layer> = {
  ...augmentationLayers,
  bilinearUpSampling2d: (a) => new BilinearUpSampling2D(a as unknown as ConstructorParameters<typeof BilinearUpSampling2D>[0]),
};

export interface BuiltModel {
  model: tf.LayersModel;
  inputShape: number[];
  /** For each graph layer, the name of the tf layer whose output is that layer's output. */
  outputLayerOf: Map<string, string>;
  /** For each graph layer, the name of the tf layer that holds its weights. */
  layerOf: Map<string, string>;
}

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

type LayerFactory = (args: Record<string, unknown>) => tf.layers.Layer;

/** Each layer after the Input with the tf layer calls its kind makes of it, and their names. */
function plan(network: Network): { node: LayerNode; name: string; from: string[]; calls: { fn: string; args: Record<string, unknown>; name: string; custom?: boolean }[] }[] {
  const [input, ...rest] = network.layers;
  if (input?.kind !== 'input') throw new Error('The network must start with an Input layer.');
  const inputs = inputsOf(network.graph);
  const layerOf = tfNames(network.layers);
  return rest.map((node) => {
    const from = inputs.get(node.id)!;
    const name = layerOf.get(node.id)!;
    const calls = anySpec(node.kind).tfjs(node.params, from.map((id) => network.info.nodes[id].outputShape ?? []));
    return { node, name, from, calls: calls.map((call, i) => ({ fn: call.fn, args: call.args, custom: call.custom, name: i === 0 ? name : `${name}_${call.suffix ?? i}` })) };
  });
}

/** The input shape and the tf layer names of each layer after the Input; no tf model is built. */
export function modelLayout(network: Network): Omit<BuiltModel, 'model'> {
  return layoutOf(network, plan(network));
}

function layoutOf(network: Network, steps: ReturnType<typeof plan>): Omit<BuiltModel, 'model'> {
  const input = network.layers[0];
  return {
    inputShape: input.kind === 'input' ? input.params.shape : [],
    layerOf: new Map(steps.map((s) => [s.node.id, s.name])),
    outputLayerOf: new Map(steps.map((s) => [s.node.id, s.calls[s.calls.length - 1]?.name ?? s.name])),
  };
}

/** The tf model of a network that shape inference accepted (Input first, in the order it runs). */
export function buildModel(network: Network): BuiltModel {
  const input = network.layers[0];
  if (input?.kind !== 'input') throw new Error('The network must start with an Input layer.');
  const steps = plan(network);
  const tensors = new Map<string, tf.SymbolicTensor>([[input.id, tf.input({ shape: input.params.shape, name: tfNames(network.layers).get(input.id)! })]]);
  const factories = tf.layers as unknown as Record<string, LayerFactory>;
  for (const { node, from, calls } of steps) {
    let x: tf.SymbolicTensor | tf.SymbolicTensor[] = anySpec(node.kind).inputs.max > 1 ? from.map((id) => tensors.get(id)!) : tensors.get(from[0])!;
    for (const call of calls) {
      const factory = call.custom ? customLayers[call.fn] : factories[call.fn];
      if (!factory) throw new Error(`TensorFlow.js has no ${call.fn} layer for ${node.name}.`);
      const layer = factory({ ...withRegularizers(call.args, node.trainable !== false), name: call.name });
      // A frozen layer keeps its weights: Keras' trainable=False.
      if (node.trainable === false) layer.trainable = false;
      x = layer.apply(x) as tf.SymbolicTensor;
    }
    tensors.set(node.id, x as tf.SymbolicTensor);
  }
  const model = tf.model({ inputs: tensors.get(input.id)!, outputs: tensors.get(network.info.outputId!)!, name: 'netbuilder' });
  return { model, ...layoutOf(network, steps) };
}
