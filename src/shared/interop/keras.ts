// Keras model.to_json() and TensorFlow.js model.json topologies, in and out. Both use Keras'
// layer configs (snake_case keys); Keras 2 and Keras 3 spellings are read. Each layer kind's file
// owns its config; this file only walks the model, and refuses whatever it cannot represent.
import type { Graph, GraphEdge, LayerNode } from '../graph/model';
import { layoutGraph } from '../graph/layout';
import { edgeId, inputsOf, isChain } from '../graph/ops';
import { readBatchShape } from '../layers/input';
import { ConfigReader, KerasImportError, isObject, show, type Json } from '../layers/kerasConfig';
import { LAYER_KINDS, anySpec, getSpec, kindOfKerasClass } from '../layers/registry';
import { reachableFrom } from '../shape/infer';
import { inferNetwork } from '../shape/network';
import type { ParseResult } from '../serialization/document';
import { createDocument, parseJsonSafely, validateDocument } from '../serialization/document';
import { MAX_NODES } from '../serialization/schema';
import { layerNamesProblem, MAX_LAYER_NAME_LENGTH } from '../graph/names';
import { paramErrors } from '../layers/types';
import { tfjsTopologyRegularizer } from '../layers/regularizer';

interface KerasLayer {
  class_name: string;
  config: Json;
  name?: string;
  inbound_nodes?: unknown;
}

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
  return typeof model['class_name'] === 'string' && (isObject(model['config']) || Array.isArray(model['config']));
}

function importKerasModel(value: unknown): { graph: Graph; name: string } {
  if (!isObject(value)) throw new Error('expected a JSON object.');
  const topology = isObject(value['modelTopology']) ? value['modelTopology'] : value; // TF.js model.json
  const model = isObject(topology['model_config']) ? topology['model_config'] : topology; // Keras H5-style
  const className = model['class_name'];
  const config = model['config'];
  if (typeof className !== 'string' || !(isObject(config) || Array.isArray(config))) throw new Error('no "class_name" and "config" at the top: this is not a Keras model.');
  const name = isObject(config) && typeof config['name'] === 'string' ? config['name'] : 'imported';
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
  else if (className === 'Model' || className === 'Functional') graph = fromFunctional(layers, config as Json);
  else throw new Error(`models of class "${className}" are not supported (Sequential and Functional are).`);
  // What imports must also save and open again: the file format's own rules decide.
  const names = layerNamesProblem(graph.nodes.map((n) => n.name));
  if (names) throw new Error(names);
  const saved = validateDocument(createDocument(graph, name.slice(0, MAX_LAYER_NAME_LENGTH)));
  if (!saved.ok) throw new Error(saved.error.replace(/^The network file is invalid:\s*/, 'it would not save as a NetBuilder network: '));
  return { graph, name };
}

const nameOf = (l: KerasLayer): string => String(l.config['name'] ?? l.name ?? '');

function fromSequential(layers: KerasLayer[]): Graph {
  const nodes: LayerNode[] = [];
  const first = layers[0];
  if (first.class_name !== 'InputLayer') {
    // Keras 2 writes the input shape into the first layer's config.
    const reader = new ConfigReader({ ...first.config }, `layer "${nameOf(first)}" (${first.class_name})`);
    const shape = readBatchShape(reader);
    if (!shape) throw new Error(`the first layer (${first.class_name}) does not say its input shape.`);
    for (const key of ['batch_shape', 'batch_input_shape', 'input_shape']) delete first.config[key];
    nodes.push(makeNode('input', 'input_layer', { shape }, true, 0));
  }
  layers.forEach((l) => nodes.push(toNode(l, nodes.length)));
  const edges = nodes.slice(1).map((n, i) => edge(nodes[i].id, n.id));
  return layoutGraph({ nodes, edges });
}

/** Functional models: any DAG of these layers with one Input and one output. */
function fromFunctional(layers: KerasLayer[], config: Json): Graph {
  const byName = new Map<string, KerasLayer>();
  for (const l of layers) {
    if (byName.has(nameOf(l))) throw new Error(`two layers are named "${nameOf(l)}".`);
    byName.set(nameOf(l), l);
  }
  checkEnds(config, 'input_layers', 'input');
  checkEnds(config, 'output_layers', 'output');
  const nodes = layers.map((l, i) => toNode(l, i));
  const idOf = new Map(layers.map((l, i) => [nameOf(l), nodes[i].id]));
  const edges: GraphEdge[] = [];
  layers.forEach((l, i) => {
    for (const parent of inboundNames(l)) {
      if (l.class_name === 'InputLayer') throw new Error(`the input layer "${nameOf(l)}" takes a connection from "${parent}" (a loop).`);
      if (parent === nameOf(l)) throw new Error(`layer "${nameOf(l)}" takes its own output as its input (a loop).`);
      if (!idOf.has(parent)) throw new Error(`layer "${nameOf(l)}" takes its input from "${parent}", which the model does not have.`);
      edges.push(edge(idOf.get(parent)!, nodes[i].id));
    }
  });
  const inputs = layers.filter((l) => l.class_name === 'InputLayer');
  if (inputs.length !== 1) throw new Error(`the model has ${inputs.length} inputs; one is supported.`);
  const reached = reachableNames(nameOf(inputs[0]), layers);
  const left = layers.filter((l) => !reached.has(nameOf(l)));
  if (left.length > 0) {
    const names = left.slice(0, 5).map((l) => `"${nameOf(l)}"`).join(', ') + (left.length > 5 ? ` and ${left.length - 5} more` : '');
    const cycle = left.every((l) => inboundNames(l).length > 0);
    throw new Error(cycle ? `layers ${names} feed each other in a cycle, unconnected to the input.` : `layers ${names} are not connected to the input.`);
  }
  return layoutGraph({ nodes, edges });
}

/** Names of the layers a path from the input reaches, walking each layer's inputs. */
function reachableNames(input: string, layers: KerasLayer[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const l of layers) for (const p of inboundNames(l)) children.set(p, [...(children.get(p) ?? []), nameOf(l)]);
  return reachableFrom([input], children);
}

function checkEnds(config: Json, key: string, what: string): void {
  const ends = config[key];
  if (ends === undefined) return;
  // Keras 3 writes a single end as ["name", 0, 0], several as [["a", 0, 0], ...].
  const list = Array.isArray(ends) && Array.isArray(ends[0]) ? ends : [ends];
  if (list.length !== 1) throw new Error(`the model has ${list.length} ${what}s (${list.map((e) => show((e as unknown[])[0])).join(', ')}); NetBuilder supports one.`);
}

/** A layer's inputs in order. Keras 2: [[["name", 0, 0, {}], ...]]; Keras 3: [{args: [...], kwargs}]. */
function inboundNames(layer: KerasLayer): string[] {
  const inbound = layer.inbound_nodes;
  if (inbound === undefined || (Array.isArray(inbound) && inbound.length === 0)) return [];
  const where = `layer "${nameOf(layer)}"`;
  if (!Array.isArray(inbound)) throw new Error(`${where} has inbound_nodes that are not a list.`);
  if (inbound.length > 1) throw new Error(`${where} is called ${inbound.length} times (shared weights); NetBuilder draws each layer once.`);
  const node = inbound[0];
  const names: string[] = [];
  const ref = (history: unknown): void => {
    if (!Array.isArray(history) || typeof history[0] !== 'string') throw new Error(`${where} has an input NetBuilder cannot read: ${show(history)}.`);
    if (history[1] !== 0 || history[2] !== 0) throw new Error(`${where} takes output ${show(history.slice(1, 3))} of "${history[0]}"; NetBuilder supports layers with one output, called once.`);
    names.push(history[0]);
  };
  const kwargs = (k: unknown): void => {
    if (!isObject(k)) return;
    for (const [key, v] of Object.entries(k)) if (v !== null) throw new Error(`${where} is called with ${key}=${show(v)}, which NetBuilder does not support.`);
  };
  if (Array.isArray(node)) {
    for (const r of node) {
      ref(r);
      kwargs((r as unknown[])[3]);
    }
  } else if (isObject(node) && Array.isArray(node['args'])) {
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (isObject(v) && isObject(v['config']) && v['config']['keras_history'] !== undefined) ref(v['config']['keras_history']);
      else throw new Error(`${where} is called with ${show(v)}, which NetBuilder does not support.`);
    };
    visit(node['args']);
    kwargs(node['kwargs']);
  } else throw new Error(`${where} has an inbound node NetBuilder cannot read: ${show(node)}.`);
  return names;
}

function edge(source: string, target: string): GraphEdge {
  return { id: edgeId(source, target), source, target };
}

function makeNode(kind: LayerNode['kind'], name: string, params: unknown, trainable: boolean, index: number): LayerNode {
  const node = { id: `n${index + 1}`, kind, name, params, position: { x: 0, y: 0 } } as LayerNode;
  if (!trainable) node.trainable = false;
  return node;
}

/** One Keras layer as a node: its kind's fromConfig reads the config; any field left over is refused. */
function toNode(layer: KerasLayer, index: number): LayerNode {
  const name = nameOf(layer);
  const where = `layer "${name}" (${layer.class_name})`;
  const kind = kindOfKerasClass(layer.class_name);
  if (!kind) {
    const known = [...new Set(LAYER_KINDS.map((k) => anySpec(k).keras.className))].join(', ');
    throw new Error(`${where}: NetBuilder has no ${layer.class_name} layer (it has ${known}).`);
  }
  const spec = anySpec(kind);
  const reader = new ConfigReader(layer.config, where);
  try {
    reader.take('name');
    const trainable = reader.bool('trainable', true);
    reader.expect('dtype', 'float32', null, { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null }, { class_name: 'DTypePolicy', config: { name: 'float32' } }, { class_name: 'Policy', config: { name: 'float32' } });
    const params = spec.keras.fromConfig(reader, layer.class_name);
    reader.finish();
    const problems = paramErrors(spec, params);
    if (problems.length > 0) throw new KerasImportError(`${where}: ${problems[0]}`);
    return makeNode(kind, name, params, trainable, index);
  } catch (err) {
    if (err instanceof KerasImportError) throw err;
    throw new Error(`${where}: ${(err as Error).message}`, { cause: err });
  }
}

// ---- export ----

/** The layers of a valid graph in order, or an error saying why it cannot be exported. */
export function orderedLayers(graph: Graph): ParseResult<Graph['nodes']> {
  const net = inferNetwork(graph);
  return net.ok ? { ok: true, value: net.value.layers } : { ok: false, error: `Fix the network first: ${net.error}` };
}

function layerConfig(node: LayerNode, flavour: 'keras3' | 'tfjs'): Json {
  const spec = anySpec(node.kind);
  const base = node.kind === 'input' ? { name: node.name } : { name: node.name, trainable: node.trainable !== false };
  const config: Json = { ...base, dtype: 'float32', ...spec.keras.toConfig(node.params) };
  // TF.js knows one regularizer class, L1L2, under Keras 2's spelling.
  if (flavour === 'tfjs') for (const key of Object.keys(config)) if (key.endsWith('_regularizer')) config[key] = tfjsTopologyRegularizer(config[key]);
  return config;
}

/**
 * A Keras 3 to_json() document (keras.models.model_from_json reads it): Sequential for a chain,
 * Functional (with Keras 3 inbound_nodes) for a graph with branches or merges.
 */
export function toKerasJson(graph: Graph, modelName?: string): ParseResult<string> {
  const doc = kerasModel(graph, modelName, 'keras3');
  return doc.ok ? { ok: true, value: JSON.stringify(doc.value, null, 2) + '\n' } : doc;
}

/**
 * The model config. TF.js reads Keras 3's layer configs but only Keras 2's Functional wiring:
 * inbound_nodes as [[["name", 0, 0, {}], ...]] rather than Keras 3's {args, kwargs} calls.
 */
function kerasModel(graph: Graph, modelName: string | undefined, flavour: 'keras3' | 'tfjs'): ParseResult<Json> {
  const net = inferNetwork(graph);
  if (!net.ok) return { ok: false, error: `Fix the network first: ${net.error}` };
  const { info, layers: nodes } = net.value;
  const wrap = (node: LayerNode): Json => ({ module: 'keras.layers', class_name: getSpec(node.kind).keras.className, config: layerConfig(node, flavour), registered_name: null });
  const inputShape = nodes[0].kind === 'input' ? nodes[0].params.shape : [];
  if (isChain(graph)) {
    const doc = {
      module: 'keras',
      class_name: 'Sequential',
      config: { name: modelName ?? 'sequential', trainable: true, dtype: 'float32', layers: nodes.map(wrap) },
      registered_name: null,
      build_config: { input_shape: [null, ...inputShape] },
    };
    return { ok: true, value: doc };
  }
  const inputs = inputsOf(graph);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const tensor = (id: string): Json => ({
    class_name: '__keras_tensor__',
    config: { shape: info.nodes[id].outputShape, dtype: 'float32', keras_history: [byId.get(id)!.name, 0, 0] },
  });
  const out = nodes.map((node) => {
    const from = inputs.get(node.id)!;
    const spec = getSpec(node.kind);
    // Merge layers take a list of tensors; the others one tensor.
    const args = from.length === 0 ? [] : spec.inputs.max > 1 ? [from.map(tensor)] : [tensor(from[0])];
    const call = flavour === 'tfjs' ? from.map((id) => [byId.get(id)!.name, 0, 0, {}]) : { args, kwargs: {} };
    return { ...wrap(node), name: node.name, inbound_nodes: from.length === 0 ? [] : [call] };
  });
  const end = (id: string): unknown[] => [byId.get(id)!.name, 0, 0];
  const doc = {
    module: 'keras.src.models.functional',
    class_name: 'Functional',
    config: { name: modelName ?? 'functional', trainable: true, layers: out, input_layers: [end(nodes[0].id)], output_layers: [end(info.outputId!)] },
    registered_name: 'Functional',
  };
  return { ok: true, value: doc };
}

/** A TF.js model.json (topology only, no weights): tf.loadLayersModel builds the untrained network. */
export function toTfjsModelJson(graph: Graph): ParseResult<string> {
  const keras = kerasModel(graph, undefined, 'tfjs');
  if (!keras.ok) return keras;
  const doc = { format: 'layers-model', generatedBy: 'NetBuilder', convertedBy: null, modelTopology: keras.value, weightsManifest: [] };
  return { ok: true, value: JSON.stringify(doc, null, 2) + '\n' };
}
