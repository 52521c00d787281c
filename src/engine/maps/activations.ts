// Every layer's output for one input: one model with all layer outputs, one predict.
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '@shared/graph/model';
import type { LayerActivation } from '@shared/ipc/maps';
import type { BuiltModel } from '../buildModel';

export interface Activations {
  layers: LayerActivation[];
  probabilities: Float32Array;
}

export function computeActivations(graph: Graph, built: BuiltModel, image: Float32Array): Activations {
  const { model, inputShape, outputLayerOf } = built;
  const nodes = graph.nodes.filter((n) => outputLayerOf.has(n.id));
  const outputs = nodes.map((n) => model.getLayer(outputLayerOf.get(n.id)!).output as tf.SymbolicTensor);
  const probe = tf.model({ inputs: model.inputs, outputs });
  const results = tf.tidy(() => {
    const x = tf.tensor(image, [1, ...inputShape]);
    const out = probe.predict(x);
    return (Array.isArray(out) ? out : [out]).map((t) => ({ shape: t.shape.slice(1), data: t.dataSync() as Float32Array }));
  });
  const layers: LayerActivation[] = nodes.map((n, i) => {
    const layer: LayerActivation = { id: n.id, name: n.name, kind: n.kind, shape: results[i].shape as number[], data: results[i].data };
    if (n.kind === 'conv2d' || n.kind === 'dense') {
      // The weights the explanations multiply with (the layer itself, before any LeakyReLU after it).
      const [kernel, bias] = model.getLayer(built.layerOf.get(n.id)!).getWeights();
      layer.kernel = { shape: kernel.shape, data: kernel.dataSync() as Float32Array };
      if (bias) layer.bias = { shape: bias.shape, data: bias.dataSync() as Float32Array };
    }
    return layer;
  });
  return { layers, probabilities: layers[layers.length - 1]?.data ?? new Float32Array(0) };
}
