// Keras model.to_json() and TensorFlow.js model.json topologies, in and out. Both use Keras'
// layer configs (snake_case keys); Keras 2 and Keras 3 spellings are read.
import type { Activation, Graph, LayerKind, Pair } from '../graph/model';
import { sequentialGraph, type LayerEntry } from '../graph/ops';
import { getSpec } from '../layers/registry';
import { inferNetwork } from '../shape/network';
import type { ParseResult } from '../serialization/document';
import { createDocument, parseJsonSafely, validateDocument } from '../serialization/document';
import { MAX_NODES } from '../serialization/schema';
import { layerNamesProblem, MAX_LAYER_NAME_LENGTH } from '../graph/names';
import { ACTIVATION_FROM_KERAS, KERAS_ACTIVATION } from './activationNames';

type Json = Record<string, unknown>;
interface KerasLayer {
  class_name: string;
  config: Json;
  name?: string;
  inbound_nodes?: unknown;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Accepts the text of a Keras to_json() file or a TF.js model.json. */
export function importKerasJson(text: string): ParseResult<{ graph: Graph; name: string }> {
  const json = parseJsonSafely(text);
  if (!json.ok) return json;
  try {
    return { ok: true, value: importKerasModel(json.value) };
  } catch (err) {
    return { ok: false, error: `Cannot import this model: ${(err as Error).message}` };
  }
}

export function looksLikeKerasModel(value: unknown): boolean {
  if (!isObject(value)) return false;
  const topology = isObject(value['modelTopology']) ? value['modelTopology'] : value;
  const model = isObject(topology['model_config']) ? topology['model_config'] : topology;
  return typeof model['class_name'] === 'string' && isObject(model['config']);
}

function importKerasModel(value: unknown): { graph: Graph; name: string } {
  if (!isObject(value)) throw new Error('expected a JSON object.');
  const topology = isObject(value['modelTopology']) ? value['modelTopology'] : value; // TF.js model.json
  const model = isObject(topology['model_config']) ? topology['model_config'] : topology; // Keras H5-style
  const className = model['class_name'];
  const config = model['config'];
  if (typeof className !== 'string' || !isObject(config)) throw new Error('no "class_name" and "config" at the top: this is not a Keras model.');
  const name = typeof config['name'] === 'string' ? config['name'] : 'imported';
  // Keras 2 Sequential configs may be a bare list of layers.
  const rawLayers = Array.isArray(config) ? config : config['layers'];
  if (!Array.isArray(rawLayers) || rawLayers.length === 0) throw new Error('the model has no layers.');
  // Checked before any work: a network file holds at most MAX_NODES layers.
  if (rawLayers.length > MAX_NODES) throw new Error(`the model has ${rawLayers.length.toLocaleString('en-US')} layers; NetBuilder opens networks of at most ${MAX_NODES.toLocaleString('en-US')}.`);
  const layers = rawLayers.map((l, i) => {
    if (!isObject(l) || typeof l['class_name'] !== 'string' || !isObject(l['config'])) throw new Error(`layer ${i + 1} has no class_name/config.`);
    return l as unknown as KerasLayer;
  });
  let graph: Graph;
  if (className === 'Sequential') graph = fromSequential(layers);
  else if (className === 'Model' || className === 'Functional') graph = fromFunctional(layers);
  else throw new Error(`models of class "${className}" are not supported (Sequential and Functional are).`);
  // What imports must also save and open again: the file format's own rules decide.
  const names = layerNamesProblem(graph.nodes.map((n) => n.name));
  if (names) throw new Error(names);
  const saved = validateDocument(createDocument(graph, name.slice(0, MAX_LAYER_NAME_LENGTH)));
  if (!saved.ok) throw new Error(saved.error.replace(/^The network file is invalid:\s*/, 'it would not save as a NetBuilder network: '));
  return { graph, name };
}

function fromSequential(layers: KerasLayer[]): Graph {
  const entries: LayerEntry[] = [];
  const first = layers[0];
  if (first.class_name !== 'InputLayer') {
    const shape = batchShape(first.config);
    if (!shape) throw new Error(`the first layer (${first.class_name}) does not say its input shape.`);
    entries.push(['input', { shape }, 'input_layer']);
  }
  for (const layer of layers) entries.push(...toEntries(layer));
  return sequentialGraph(entries);
}

/** Functional models whose layers form one chain (the networks this app builds). Every layer must be on it. */
function fromFunctional(layers: KerasLayer[]): Graph {
  const nameOf = (l: KerasLayer): string => String(l.name ?? l.config['name']);
  const byName = new Map<string, KerasLayer>();
  for (const l of layers) {
    if (byName.has(nameOf(l))) throw new Error(`two layers are named "${nameOf(l)}".`);
    byName.set(nameOf(l), l);
  }
  const parentOf = new Map<string, string>();
  for (const l of layers) {
    const parents = inboundNames(l.inbound_nodes);
    if (parents.length > 1) throw new Error(`layer "${nameOf(l)}" has ${parents.length} inputs; only chains of single-input layers are supported.`);
    if (parents.length === 0) continue;
    if (l.class_name === 'InputLayer') throw new Error(`the input layer "${nameOf(l)}" takes a connection from "${parents[0]}" (a loop).`);
    if (parents[0] === nameOf(l)) throw new Error(`layer "${nameOf(l)}" takes its own output as its input (a loop).`);
    if (!byName.has(parents[0])) throw new Error(`layer "${nameOf(l)}" takes its input from "${parents[0]}", which the model does not have.`);
    parentOf.set(nameOf(l), parents[0]);
  }
  const inputs = layers.filter((l) => l.class_name === 'InputLayer');
  if (inputs.length !== 1) throw new Error(`the model has ${inputs.length} inputs; one is supported.`);
  const childrenOf = new Map<string, string[]>();
  for (const [child, parent] of parentOf) childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), child]);
  const chain: KerasLayer[] = [];
  let current: string | undefined = nameOf(inputs[0]);
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    seen.add(current);
    const layer = byName.get(current);
    if (!layer) throw new Error(`a connection refers to the unknown layer "${current}".`);
    chain.push(layer);
    const next: string[] = childrenOf.get(current) ?? [];
    if (next.length > 1) throw new Error(`layer "${current}" feeds ${next.length} layers; only chains are supported.`);
    current = next[0];
  }
  const left = layers.filter((l) => !seen.has(nameOf(l)));
  if (left.length > 0) {
    const names = left.slice(0, 5).map((l) => `"${nameOf(l)}"`).join(', ') + (left.length > 5 ? ` and ${left.length - 5} more` : '');
    const cycle = left.every((l) => parentOf.has(nameOf(l)));
    throw new Error(cycle ? `layers ${names} feed each other in a cycle, unconnected to the input.` : `layers ${names} are not connected to the input.`);
  }
  return fromSequential(chain);
}

/** Keras 2: [[["name", 0, 0, {}]]]; Keras 3: [{args: [{config: {keras_history: ["name", 0, 0]}}]}]. */
function inboundNames(inbound: unknown): string[] {
  if (!Array.isArray(inbound)) return [];
  const names: string[] = [];
  for (const node of inbound) {
    if (Array.isArray(node)) {
      for (const ref of node) if (Array.isArray(ref) && typeof ref[0] === 'string') names.push(ref[0]);
    } else if (isObject(node) && Array.isArray(node['args'])) {
      const visit = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(visit);
        else if (isObject(v)) {
          const history = isObject(v['config']) ? v['config']['keras_history'] : undefined;
          if (Array.isArray(history) && typeof history[0] === 'string') names.push(history[0]);
        }
      };
      visit(node['args']);
    }
  }
  return names;
}

function batchShape(config: Json): number[] | null {
  const shape = config['batch_shape'] ?? config['batch_input_shape'];
  if (Array.isArray(shape)) return shape.slice(1).map(Number);
  const inputShape = config['input_shape'] ?? config['shape'];
  if (Array.isArray(inputShape)) return inputShape.map(Number);
  return null;
}

function pair(value: unknown, fallback: Pair): Pair {
  if (typeof value === 'number') return [value, value];
  if (Array.isArray(value) && value.length === 2) return [Number(value[0]), Number(value[1])];
  return fallback;
}

function activationOf(value: unknown, layer: string): Activation {
  const key = typeof value === 'string' ? value.toLowerCase() : isObject(value) ? String(value['class_name'] ?? '').toLowerCase() : 'linear';
  const act = Object.hasOwn(ACTIVATION_FROM_KERAS, key) ? ACTIVATION_FROM_KERAS[key] : undefined;
  if (!act) throw new Error(`layer "${layer}" uses the activation "${key}", which NetBuilder does not have (it has ${Object.keys(ACTIVATION_FROM_KERAS).join(', ')}).`);
  return act;
}

function toEntries(layer: KerasLayer): LayerEntry[] {
  const c = layer.config;
  const name = String(c['name'] ?? layer.name ?? '');
  const padding = c['padding'] === 'same' ? 'same' : 'valid';
  if (c['data_format'] === 'channels_first') throw new Error(`layer "${name}" uses channels_first; NetBuilder uses channels_last as Keras does by default.`);
  switch (layer.class_name) {
    case 'InputLayer': {
      const shape = batchShape(c);
      if (!shape) throw new Error(`the input layer "${name}" has no shape.`);
      return [['input', { shape }, name]];
    }
    case 'Conv2D':
      return [['conv2d', {
        filters: Number(c['filters']),
        kernelSize: pair(c['kernel_size'], [3, 3]),
        strides: pair(c['strides'], [1, 1]),
        padding,
        activation: activationOf(c['activation'], name),
        useBias: c['use_bias'] !== false,
      }, name]];
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const poolSize = pair(c['pool_size'], [2, 2]);
      // Keras writes the default (strides = pool size) out; null keeps "same as pool size" live in the editor.
      const given = c['strides'] == null ? null : pair(c['strides'], poolSize);
      const strides = given && (given[0] !== poolSize[0] || given[1] !== poolSize[1]) ? given : null;
      const kind: LayerKind = layer.class_name === 'MaxPooling2D' ? 'maxPooling2d' : 'averagePooling2d';
      return [[kind, { poolSize, strides, padding }, name] as LayerEntry];
    }
    case 'GlobalAveragePooling2D':
      return [['globalAveragePooling2d', {}, name]];
    case 'Flatten':
      return [['flatten', {}, name]];
    case 'Dropout':
      return [['dropout', { rate: Number(c['rate']) }, name]];
    case 'Dense':
      return [['dense', { units: Number(c['units']), activation: activationOf(c['activation'], name), useBias: c['use_bias'] !== false }, name]];
    case 'BatchNormalization':
      return [['batchNormalization', {
        momentum: Number(c['momentum'] ?? 0.99),
        epsilon: Number(c['epsilon'] ?? 0.001),
        center: c['center'] !== false,
        scale: c['scale'] !== false,
      }, name]];
    case 'Activation':
      return [['activation', { activation: activationOf(c['activation'], name) }, name]];
    case 'ReLU':
      return [['activation', { activation: 'relu' }, name]];
    case 'LeakyReLU':
      return [['activation', { activation: 'leakyRelu' }, name]];
    case 'Softmax':
      return [['activation', { activation: 'softmax' }, name]];
    default:
      throw new Error(`layer "${name}" is a ${layer.class_name}, which NetBuilder does not have yet.`);
  }
}

// ---- export ----

/** The layers of a valid graph in order, or an error saying why it cannot be exported. */
export function orderedLayers(graph: Graph): ParseResult<Graph['nodes']> {
  const net = inferNetwork(graph);
  return net.ok ? { ok: true, value: net.value.layers } : { ok: false, error: `Fix the network first: ${net.error}` };
}

/** A Keras 3 Sequential to_json() document (keras.models.model_from_json reads it). */
export function toKerasJson(graph: Graph, modelName = 'sequential'): ParseResult<string> {
  const layers = orderedLayers(graph);
  if (!layers.ok) return layers;
  const out = layers.value.map((node): Json => {
    const p = node.params as Record<string, unknown>;
    const base = { name: node.name, trainable: true, dtype: 'float32' };
    const wrap = (class_name: string, config: Json): Json => ({ module: 'keras.layers', class_name, config: { ...base, ...config }, registered_name: null });
    switch (node.kind) {
      case 'input':
        // batch_shape for Keras 3; batch_input_shape, its older name, for Keras 2 and TF.js.
        return wrap('InputLayer', { batch_shape: [null, ...(p['shape'] as number[])], batch_input_shape: [null, ...(p['shape'] as number[])], sparse: false });
      case 'conv2d':
        return wrap('Conv2D', {
          filters: p['filters'], kernel_size: p['kernelSize'], strides: p['strides'], padding: p['padding'],
          data_format: 'channels_last', dilation_rate: [1, 1], groups: 1,
          activation: KERAS_ACTIVATION[p['activation'] as Activation], use_bias: p['useBias'],
        });
      case 'maxPooling2d':
      case 'averagePooling2d':
        return wrap(getSpec(node.kind).kerasClass, { pool_size: p['poolSize'], strides: p['strides'] ?? p['poolSize'], padding: p['padding'], data_format: 'channels_last' });
      case 'globalAveragePooling2d':
        return wrap('GlobalAveragePooling2D', { data_format: 'channels_last', keepdims: false });
      case 'flatten':
        return wrap('Flatten', { data_format: 'channels_last' });
      case 'dropout':
        return wrap('Dropout', { rate: p['rate'], seed: null, noise_shape: null });
      case 'dense':
        return wrap('Dense', { units: p['units'], activation: KERAS_ACTIVATION[p['activation'] as Activation], use_bias: p['useBias'] });
      case 'batchNormalization':
        return wrap('BatchNormalization', { axis: -1, momentum: p['momentum'], epsilon: p['epsilon'], center: p['center'], scale: p['scale'] });
      case 'activation':
        return wrap('Activation', { activation: KERAS_ACTIVATION[p['activation'] as Activation] });
    }
  });
  const doc = {
    module: 'keras',
    class_name: 'Sequential',
    config: { name: modelName, trainable: true, dtype: 'float32', layers: out },
    registered_name: null,
    build_config: { input_shape: (out[0]['config'] as Json)['batch_shape'] },
  };
  return { ok: true, value: JSON.stringify(doc, null, 2) + '\n' };
}

/** A TF.js model.json (topology only, no weights): tf.loadLayersModel builds the untrained network. */
export function toTfjsModelJson(graph: Graph): ParseResult<string> {
  const keras = toKerasJson(graph);
  if (!keras.ok) return keras;
  const doc = { format: 'layers-model', generatedBy: 'NetBuilder', convertedBy: null, modelTopology: JSON.parse(keras.value) as unknown, weightsManifest: [] };
  return { ok: true, value: JSON.stringify(doc, null, 2) + '\n' };
}
