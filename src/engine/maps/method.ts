// The engine's maps:compute request: activations of the current network for one input, with the
// trained weights when the last run trained this same network, else with fresh random ones.
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '@shared/graph/model';
import type { Network } from '@shared/shape/network';
import type { MapsReply, MapsSource } from '@shared/ipc/maps';
import { initBackend } from '../backend';
import { sameNetwork } from '@shared/graph/sameNetwork';
import { buildModel, modelLayout, type BuiltModel } from '../buildModel';
import type { LatestModel } from '../latest';
import { loadDataset, testImage } from '../data/datasets';
import { computeActivations } from './activations';
import { argmaxRow } from '@shared/data/argmax';
import { scaledPixels } from '@shared/data/pixels';

let randomModel: { graph: Graph; built: BuiltModel } | null = null;
let misclassifiedFor: { runId: string | null; indices: number[] } | null = null;

async function misclassified(runId: string | null, model: tf.LayersModel, images: Uint8Array, labels: Uint8Array, inputShape: number[]): Promise<number[]> {
  if (misclassifiedFor && misclassifiedFor.runId === runId) return misclassifiedFor.indices;
  const size = inputShape.reduce((a, b) => a * b, 1);
  const wrong: number[] = [];
  for (let start = 0; start < labels.length && wrong.length < 200; start += 1000) {
    const n = Math.min(1000, labels.length - start);
    const x = scaledPixels(images, start * size, n * size);
    const predicted = tf.tidy(() => (model.predict(tf.tensor(x, [n, ...inputShape])) as tf.Tensor).argMax(-1).dataSync());
    for (let i = 0; i < n; i++) if (predicted[i] !== labels[start + i]) wrong.push(start + i);
  }
  misclassifiedFor = { runId, indices: wrong };
  return wrong;
}

export async function computeMaps(network: Network, source: MapsSource, trained: LatestModel): Promise<MapsReply> {
  await initBackend();
  const { graph } = network;
  let built: BuiltModel;
  let weights: MapsReply['weights'] = 'random';
  if (trained.model && trained.graph && sameNetwork(trained.graph, graph)) {
    built = { ...modelLayout(network), model: trained.model };
    weights = 'trained';
  } else {
    if (!randomModel || !sameNetwork(randomModel.graph, graph)) {
      randomModel?.built.model.dispose();
      randomModel = { graph, built: buildModel(network) };
    }
    built = randomModel.built;
  }
  const ds = loadDataset({ kind: 'mnist' });
  const size = built.inputShape.reduce((a, b) => a * b, 1);
  if (size !== 784) throw new Error(`Feature maps use MNIST digits (28x28x1); this network's Input is (${built.inputShape.join(', ')}).`);
  let index: number | null = null;
  let image: Float32Array;
  if (source.kind === 'pixels') image = Float32Array.from(source.pixels);
  else {
    index = source.kind === 'test' ? source.index : Math.floor(Math.random() * ds.testLabels.length);
    image = testImage(ds, index);
  }
  const { layers, probabilities } = computeActivations(graph, built, image);
  const predicted = argmaxRow(probabilities);
  return {
    input: { shape: [28, 28, 1], data: image },
    label: index !== null ? ds.testLabels[index] : null,
    testIndex: index,
    layers,
    probabilities,
    predicted,
    classNames: ds.classNames,
    weights,
    // Listed once a run has finished (during training the list would be out of date at once).
    misclassified: weights === 'trained' && !trained.training ? await misclassified(trained.runId, built.model, ds.testImages, ds.testLabels, built.inputShape) : [],
  };
}
