// The only list of layer kinds and their specs. Keyed by kind, like tfjs' serialization registry:
// adding a kind is one file and one line here.
import type { Graph, LayerNode, LayerNodeOf, Position } from '../graph/model';
import { activation } from './activation';
import { add } from './add';
import { average } from './average';
import { concatenate } from './concatenate';
import { leakyRelu } from './leakyRelu';
import { multiply } from './multiply';
import { relu } from './relu';
import { reshape } from './reshape';
import { softmax } from './softmax';
import { upSampling2d } from './upSampling2d';
import { randomFlip } from './randomFlip';
import { randomRotation } from './randomRotation';
import { randomTranslation } from './randomTranslation';
import { randomZoom } from './randomZoom';
import { zeroPadding2d } from './zeroPadding2d';
import { averagePooling2d } from './averagePooling2d';
import { batchNormalization } from './batchNormalization';
import { conv2d } from './conv2d';
import { dense } from './dense';
import { dropout } from './dropout';
import { flatten } from './flatten';
import { globalAveragePooling2d } from './globalAveragePooling2d';
import { globalMaxPooling2d } from './globalMaxPooling2d';
import { input } from './input';
import { maxPooling2d } from './maxPooling2d';
import type { AnyLayerSpec, LayerSpec } from './types';

export const layerRegistry = {
  input,
  conv2d,
  maxPooling2d,
  averagePooling2d,
  globalAveragePooling2d,
  globalMaxPooling2d,
  flatten,
  dropout,
  dense,
  batchNormalization,
  activation,
  relu,
  leakyRelu,
  softmax,
  add,
  concatenate,
  multiply,
  average,
  reshape,
  zeroPadding2d,
  upSampling2d,
  randomRotation,
  randomTranslation,
  randomZoom,
  randomFlip,
} as const;

type Registry = typeof layerRegistry;
export type LayerKind = keyof Registry;
/** Each kind's parameters, as its schema defines them. */
export type LayerParamsByKind = { [K in LayerKind]: Registry[K] extends LayerSpec<K, infer P> ? P : never };

// Every entry's kind is its key.
layerRegistry satisfies { [K in LayerKind]: { kind: K } };

export const LAYER_KINDS = Object.keys(layerRegistry) as LayerKind[];

export function getSpec<K extends LayerKind>(kind: K): LayerSpec<K, LayerParamsByKind[K]> {
  return layerRegistry[kind] as unknown as LayerSpec<K, LayerParamsByKind[K]>;
}

/** The spec of a kind, typed loosely, for code that loops over all kinds. */
export function anySpec(kind: LayerKind): AnyLayerSpec {
  return layerRegistry[kind] as AnyLayerSpec;
}

const byKerasClass = new Map<string, LayerKind>();
for (const kind of LAYER_KINDS) {
  const spec = anySpec(kind);
  for (const name of [spec.keras.className, ...(spec.keras.reads ?? [])]) byKerasClass.set(name, kind);
}

/** The kind that reads a Keras class_name, e.g. "MaxPooling2D" -> "maxPooling2d". */
export function kindOfKerasClass(className: string): LayerKind | undefined {
  return byKerasClass.get(className);
}

export function isLayerKind(value: unknown): value is LayerKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(layerRegistry, value);
}

/** Keras' default layer name: the class name in snake_case ("MaxPooling2D" -> "max_pooling2d"). */
export function kerasBaseName(kind: LayerKind): string {
  if (kind === 'input') return 'input_layer';
  // Keras' to_snake_case, step by step.
  return getSpec(kind)
    .keras.className.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** "conv2d", then "conv2d_1", "conv2d_2"... as Keras numbers layers of one kind. */
export function uniqueLayerName(base: string, graph: Graph): string {
  const taken = new Set(graph.nodes.map((n) => n.name));
  if (!taken.has(base)) return base;
  for (let i = 1; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** A fresh id not used in the graph: "n1", "n2"... (deterministic, so tests and files stay stable). */
export function uniqueNodeId(graph: Graph): string {
  const taken = new Set(graph.nodes.map((n) => n.id));
  for (let i = graph.nodes.length + 1; ; i++) if (!taken.has(`n${i}`)) return `n${i}`;
}

export function createNode<K extends LayerKind>(kind: K, position: Position, graph: Graph): LayerNodeOf<K> {
  const spec = getSpec(kind);
  return {
    id: uniqueNodeId(graph),
    kind,
    name: uniqueLayerName(kerasBaseName(kind), graph),
    params: structuredClone(spec.params.defaults),
    position: { ...position },
  } as unknown as LayerNodeOf<K>;
}

export const LAYER_CATEGORIES = ['Input', 'Convolution', 'Pooling', 'Core', 'Merge', 'Reshaping', 'Activation', 'Normalization', 'Regularization', 'Augmentation'] as const;

export type { LayerNode };
