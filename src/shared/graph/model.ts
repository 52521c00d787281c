// The network graph document: the only graph model in the app. Pure data, serialisable as JSON.

export const LAYER_KINDS = [
  'input',
  'conv2d',
  'maxPooling2d',
  'averagePooling2d',
  'globalAveragePooling2d',
  'flatten',
  'dropout',
  'dense',
  'batchNormalization',
  'activation',
] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];

export const ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'softmax', 'tanh', 'leakyRelu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const PADDINGS = ['valid', 'same'] as const;
export type Padding = (typeof PADDINGS)[number];

/** A pair (height, width), as Keras writes kernel_size, strides and pool_size. */
export type Pair = [number, number];

/** Per-kind parameters, with Keras' meaning; names are camelCase versions of Keras' config keys. */
export interface LayerParamsByKind {
  /** shape excludes the batch axis: [28, 28, 1] for images (channels last), [784] for vectors. */
  input: { shape: number[] };
  conv2d: {
    filters: number;
    kernelSize: Pair;
    strides: Pair;
    padding: Padding;
    activation: Activation;
    useBias: boolean;
  };
  /** strides null means "same as poolSize", as in Keras. */
  maxPooling2d: { poolSize: Pair; strides: Pair | null; padding: Padding };
  averagePooling2d: { poolSize: Pair; strides: Pair | null; padding: Padding };
  globalAveragePooling2d: Record<string, never>;
  flatten: Record<string, never>;
  dropout: { rate: number };
  dense: { units: number; activation: Activation; useBias: boolean };
  batchNormalization: { momentum: number; epsilon: number; center: boolean; scale: boolean };
  activation: { activation: Activation };
}

export type LayerParams<K extends LayerKind = LayerKind> = LayerParamsByKind[K];

export interface Position {
  x: number;
  y: number;
}

/** A layer on the canvas. `name` is the Keras layer name (unique in the graph, e.g. "conv2d_1"). */
export type LayerNode = {
  [K in LayerKind]: { id: string; kind: K; name: string; params: LayerParamsByKind[K]; position: Position };
}[LayerKind];

export type LayerNodeOf<K extends LayerKind> = Extract<LayerNode, { kind: K }>;

/** A directed connection: the output tensor of `source` feeds `target`. */
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
