// Branching networks for tests, written as Keras' functional API reads: each layer names its inputs.
import type { Graph, GraphEdge, LayerKind, LayerNode, LayerParamsByKind } from '@shared/graph/model';
import { edgeId } from '@shared/graph/ops';
import { getSpec } from '@shared/layers/registry';

/** [name, kind, params that differ from the defaults, the names of its inputs in order]. */
export type DagLayer = { [K in LayerKind]: [string, K, Partial<LayerParamsByKind[K]>, string[]] }[LayerKind];

export function dagGraph(layers: readonly DagLayer[]): Graph {
  const nodes: LayerNode[] = [];
  const edges: GraphEdge[] = [];
  const idOf = new Map<string, string>();
  layers.forEach(([name, kind, params, inputs], i) => {
    const id = `n${i + 1}`;
    idOf.set(name, id);
    nodes.push({ id, kind, name, params: { ...structuredClone(getSpec(kind).params.defaults), ...params }, position: { x: 0, y: i * 100 } } as LayerNode);
    for (const from of inputs) {
      const source = idOf.get(from);
      if (!source) throw new Error(`${name}: no layer ${from} before it`);
      edges.push({ id: edgeId(source, id), source, target: id });
    }
  });
  return { nodes, edges };
}

/** A small residual network for MNIST: two blocks joined by Add, one with a 1x1 projection shortcut. */
export const residualNet = (): Graph =>
  dagGraph([
    ['input', 'input', { shape: [28, 28, 1] }, []],
    ['stem', 'conv2d', { filters: 8, kernelSize: [3, 3], padding: 'same', activation: 'relu' }, ['input']],
    ['block1_conv1', 'conv2d', { filters: 8, kernelSize: [3, 3], padding: 'same', activation: 'relu' }, ['stem']],
    ['block1_conv2', 'conv2d', { filters: 8, kernelSize: [3, 3], padding: 'same', activation: 'linear' }, ['block1_conv1']],
    ['block1_bn', 'batchNormalization', {}, ['block1_conv2']],
    ['block1_add', 'add', {}, ['stem', 'block1_bn']],
    ['block1_relu', 'relu', {}, ['block1_add']],
    ['pool', 'maxPooling2d', { poolSize: [2, 2] }, ['block1_relu']],
    ['block2_pad', 'zeroPadding2d', { padding: [1, 1, 1, 1] }, ['pool']],
    ['block2_conv1', 'conv2d', { filters: 16, kernelSize: [3, 3], strides: [2, 2], activation: 'relu' }, ['block2_pad']],
    ['block2_conv2', 'conv2d', { filters: 16, kernelSize: [3, 3], padding: 'same', activation: 'linear' }, ['block2_conv1']],
    ['block2_shortcut', 'conv2d', { filters: 16, kernelSize: [1, 1], strides: [2, 2], activation: 'linear' }, ['pool']],
    ['block2_add', 'add', {}, ['block2_conv2', 'block2_shortcut']],
    ['block2_relu', 'leakyRelu', { negativeSlope: 0.1 }, ['block2_add']],
    ['gap', 'globalAveragePooling2d', {}, ['block2_relu']],
    ['output', 'dense', { units: 10, activation: 'softmax' }, ['gap']],
  ]);

/** An Inception-style block: 1x1, 3x3 and 5x5 (as two 3x3) branches and a pooled one, joined by Concatenate. */
export const inceptionNet = (): Graph =>
  dagGraph([
    ['input', 'input', { shape: [28, 28, 1] }, []],
    ['stem', 'conv2d', { filters: 8, kernelSize: [3, 3], strides: [2, 2], activation: 'relu' }, ['input']],
    ['branch_1x1', 'conv2d', { filters: 4, kernelSize: [1, 1], activation: 'relu' }, ['stem']],
    ['branch_3x3_reduce', 'conv2d', { filters: 4, kernelSize: [1, 1], activation: 'relu' }, ['stem']],
    ['branch_3x3', 'conv2d', { filters: 6, kernelSize: [3, 3], padding: 'same', activation: 'relu' }, ['branch_3x3_reduce']],
    ['branch_5x5_a', 'conv2d', { filters: 4, kernelSize: [3, 3], padding: 'same', activation: 'relu' }, ['stem']],
    ['branch_5x5_b', 'conv2d', { filters: 4, kernelSize: [3, 3], padding: 'same', activation: 'relu' }, ['branch_5x5_a']],
    ['branch_pool', 'maxPooling2d', { poolSize: [3, 3], strides: [1, 1], padding: 'same' }, ['stem']],
    ['branch_pool_proj', 'conv2d', { filters: 2, kernelSize: [1, 1], activation: 'relu' }, ['branch_pool']],
    ['mixed', 'concatenate', { axis: -1 }, ['branch_1x1', 'branch_3x3', 'branch_5x5_b', 'branch_pool_proj']],
    ['gmp', 'globalMaxPooling2d', { keepdims: true }, ['mixed']],
    ['gap', 'globalAveragePooling2d', { keepdims: true }, ['mixed']],
    ['pooled', 'average', {}, ['gmp', 'gap']],
    ['pooled_flat', 'reshape', { targetShape: [-1] }, ['pooled']],
    ['down', 'maxPooling2d', { poolSize: [2, 2] }, ['mixed']],
    ['down_flat', 'flatten', {}, ['down']],
    ['features', 'concatenate', { axis: 1 }, ['pooled_flat', 'down_flat']],
    ['hidden', 'dense', { units: 32, activation: 'relu' }, ['features']],
    ['logits', 'dense', { units: 10, activation: 'linear' }, ['hidden']],
    ['output', 'softmax', {}, ['logits']],
  ]);

/**
 * Layers TF.js can run but not train (dilated convolution) and options with no PyTorch module of
 * their own: a capped, leaky ReLU, bilinear up-sampling, Multiply as a gate.
 */
export const variantsNet = (): Graph =>
  dagGraph([
    ['input', 'input', { shape: [28, 28, 1] }, []],
    ['dilated', 'conv2d', { filters: 6, kernelSize: [3, 3], padding: 'same', dilationRate: [2, 2], activation: 'linear' }, ['input']],
    ['capped', 'relu', { maxValue: 0.2 }, ['dilated']],
    ['leaky', 'relu', { negativeSlope: 0.2 }, ['dilated']],
    ['gate', 'conv2d', { filters: 6, kernelSize: [1, 1], activation: 'sigmoid' }, ['dilated']],
    ['gated', 'multiply', {}, ['leaky', 'gate', 'capped']],
    ['pool', 'maxPooling2d', { poolSize: [4, 4] }, ['gated']],
    ['up', 'upSampling2d', { size: [2, 3], interpolation: 'bilinear' }, ['pool']],
    ['gmp', 'globalMaxPooling2d', {}, ['up']],
    ['output', 'dense', { units: 10, activation: 'softmax' }, ['gmp']],
  ]);

/**
 * Settings TF.js cannot run, so the app can count and export them but not predict: grouped
 * convolutions, ReLU with a threshold (and a cap and a slope); with bilinear up-sampling between them.
 */
export const kerasOnlyNet = (): Graph =>
  dagGraph([
    ['input', 'input', { shape: [12, 12, 4] }, []],
    ['grouped', 'conv2d', { filters: 8, kernelSize: [3, 3], padding: 'same', groups: 2, activation: 'linear' }, ['input']],
    ['relu_all', 'relu', { maxValue: 1.5, negativeSlope: 0.1, threshold: 0.2 }, ['grouped']],
    ['relu_threshold', 'relu', { threshold: 0.3 }, ['grouped']],
    ['relu6_leaky', 'relu', { maxValue: 6, negativeSlope: 0.05 }, ['grouped']],
    ['joined', 'concatenate', { axis: -1 }, ['relu_all', 'relu_threshold', 'relu6_leaky']],
    ['up', 'upSampling2d', { size: [2, 3], interpolation: 'bilinear' }, ['joined']],
    ['depthwise', 'conv2d', { filters: 24, kernelSize: [3, 3], groups: 24, dilationRate: [2, 2], activation: 'tanh' }, ['up']],
    ['gap', 'globalAveragePooling2d', {}, ['depthwise']],
    ['output', 'dense', { units: 3, activation: 'softmax' }, ['gap']],
  ]);
