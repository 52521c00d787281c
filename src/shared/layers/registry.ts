// The only list of layer kinds and their specs. Keyed by LayerKind, like tfjs' serialization registry.
import type { Graph, LayerKind, LayerNode, LayerNodeOf, Position } from '../graph/model';
import { activation } from './activation';
import { averagePooling2d } from './averagePooling2d';
import { batchNormalization } from './batchNormalization';
import { conv2d } from './conv2d';
import { dense } from './dense';
import { dropout } from './dropout';
import { flatten } from './flatten';
import { globalAveragePooling2d } from './globalAveragePooling2d';
import { input } from './input';
import { maxPooling2d } from './maxPooling2d';
import type { LayerSpec } from './types';

export const layerRegistry = {
  input,
  conv2d,
  maxPooling2d,
  averagePooling2d,
  globalAveragePooling2d,
  flatten,
  dropout,
  dense,
  batchNormalization,
  activation,
} satisfies { [K in LayerKind]: LayerSpec<K> };

export function getSpec<K extends LayerKind>(kind: K): LayerSpec<K> {
  return layerRegistry[kind] as unknown as LayerSpec<K>;
}

export function isLayerKind(value: unknown): value is LayerKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(layerRegistry, value);
}

/** Keras' default layer name: the class name in snake_case ("MaxPooling2D" -> "max_pooling2d"). */
export function kerasBaseName(kind: LayerKind): string {
  if (kind === 'input') return 'input_layer';
  // Keras' to_snake_case, step by step.
  return getSpec(kind)
    .kerasClass.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2')
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
    params: structuredClone(spec.defaults),
    position: { ...position },
  } as unknown as LayerNodeOf<K>;
}

export const LAYER_CATEGORIES = ['Input', 'Convolution', 'Pooling', 'Core', 'Normalization', 'Regularization'] as const;

export type { LayerNode };
