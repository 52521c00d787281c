// The augmentation preview (augment:preview): a few training images through the augmentation
// layers at the start of the network, called as training calls them, several times each.
import * as tf from '@tensorflow/tfjs';
import type { AugmentPreview, AugmentPreviewRequest } from '@shared/ipc/augment';
import { inputsOf } from '@shared/graph/ops';
import { getSpec } from '@shared/layers/registry';
import type { Network } from '@shared/shape/network';
import { initBackend } from './backend';
import { buildModel } from './buildModel';
import { checkInputShape, loadDataset } from './data/datasets';
import { batchArrays, splitsOf } from './trainData';

/** The layers from the Input to `nodeId`, which must all be augmentation layers. */
function augmentationChain(network: Network, nodeId: string): string[] {
  const { graph } = network;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const target = byId.get(nodeId);
  if (!target) throw new Error('That layer is no longer in the network.');
  const inputs = inputsOf(graph);
  const chain: string[] = [];
  for (let node = target; node.kind !== 'input'; node = byId.get(inputs.get(node.id)![0])!) {
    if (getSpec(node.kind).category !== 'Augmentation') {
      throw new Error(`The preview shows augmentation layers that come straight after the Input, but ${getSpec(node.kind).label} "${node.name}" comes before "${target.name}".`);
    }
    chain.unshift(node.name);
  }
  return chain;
}

export async function augmentPreview(network: Network, request: AugmentPreviewRequest): Promise<AugmentPreview> {
  await initBackend();
  const layers = augmentationChain(network, request.nodeId);
  const dataset = loadDataset(request.dataset);
  if (dataset.features) throw new Error(`${dataset.name} has no images: augmentation layers transform images.`);
  const built = buildModel(network);
  try {
    checkInputShape(dataset, built.inputShape);
    const output = built.model.getLayer(built.outputLayerOf.get(request.nodeId)!).output as tf.SymbolicTensor;
    const upTo = tf.model({ inputs: built.model.inputs, outputs: output });
    const { train } = splitsOf(dataset, dataset.trainLabels.length);
    const indices = Array.from({ length: request.count }, (_, i) => (request.start + i) % dataset.trainLabels.length);
    const { x, xShape } = batchArrays(train, indices, { inputShape: built.inputShape, classes: 1, sparse: true });
    const size = x.length / indices.length;
    const variants = tf.tidy(() => {
      const batch = tf.tensor(x, xShape);
      return Array.from({ length: request.variants }, () => (upTo.apply(batch, { training: true }) as tf.Tensor).dataSync() as Float32Array);
    });
    return {
      layers,
      shape: built.inputShape,
      images: indices.map((index, i) => ({
        index,
        label: dataset.classNames[dataset.trainLabels[index]] ?? String(dataset.trainLabels[index]),
        original: x.slice(i * size, (i + 1) * size),
        augmented: variants.map((v) => v.slice(i * size, (i + 1) * size)),
      })),
    };
  } finally {
    built.model.dispose();
  }
}
