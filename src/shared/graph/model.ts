// The network graph document: the only graph model in the app. Pure data, serialisable as JSON.

import type { LayerKind, LayerParamsByKind } from '../layers/registry';

export type { LayerKind, LayerParamsByKind };

export const ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'softmax', 'tanh', 'leakyRelu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const PADDINGS = ['valid', 'same'] as const;
export type Padding = (typeof PADDINGS)[number];

/** A pair (height, width), as Keras writes kernel_size, strides and pool_size. */
export type Pair = [number, number];

export type LayerParams<K extends LayerKind = LayerKind> = LayerParamsByKind[K];

export interface Position {
  x: number;
  y: number;
}

/**
 * A layer on the canvas. `name` is the Keras layer name (unique in the graph, e.g. "conv2d_1").
 * `trainable: false` freezes its weights (absent means trainable, as in Keras).
 */
export type LayerNode = {
  [K in LayerKind]: { id: string; kind: K; name: string; params: LayerParamsByKind[K]; position: Position; trainable?: boolean };
}[LayerKind];

export type LayerNodeOf<K extends LayerKind> = Extract<LayerNode, { kind: K }>;

/**
 * A directed connection: the output tensor of `source` feeds `target`. A merge layer's inputs are
 * ordered by the order of their edges in the graph (Concatenate's order).
 */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
}

export interface Graph {
  nodes: LayerNode[];
  edges: GraphEdge[];
}

/** A tensor shape as Keras prints it: the batch axis first, as null. */
export type Shape = (number | null)[];
