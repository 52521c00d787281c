// Pure graph edits: each returns a new Graph and never mutates its argument.
import { getSpec, isLayerKind, kerasBaseName } from '../layers/registry';
import { layerNameProblem } from './names';
import type { Graph, GraphEdge, LayerKind, LayerNode, LayerParamsByKind, Position } from './model';

/** One layer of a sequential stack: its kind and the params that differ from the defaults. */
export type LayerEntry = { [K in LayerKind]: [K, Partial<LayerParamsByKind[K]>?, string?] }[LayerKind];

export const LAYER_SPACING_Y = 110;

/** A straight stack, top to bottom, as keras.Sequential([...]) would be. */
export function sequentialGraph(layers: readonly LayerEntry[], origin: Position = { x: 0, y: 0 }): Graph {
  return branchingGraph(layers, origin);
}

/**
 * A layer of a branching network: a LayerEntry fed by the layer before it, or [entry, inputs] with
 * the indices of its inputs in order (a merge's order, as in Keras' `Add()([a, b])`).
 */
export type BranchEntry = LayerEntry | readonly [LayerEntry, readonly number[]];

/**
 * A network built as Keras' Functional API would build it, placed top to bottom in list order
 * (run layoutGraph for branches side by side). Layers are named as Keras names them, in list order.
 */
export function branchingGraph(layers: readonly BranchEntry[], origin: Position = { x: 0, y: 0 }): Graph {
  // Built in one pass (an imported model may have thousands of layers): ids n1, n2...; unnamed
  // layers numbered as Keras does (conv2d, conv2d_1...).
  const entries = layers.map((l): [LayerEntry, readonly number[] | null] => (Array.isArray(l[0]) ? (l as [LayerEntry, number[]]) : [l as LayerEntry, null]));
  const nodes: LayerNode[] = [];
  const edges: GraphEdge[] = [];
  const taken = new Set(entries.flatMap(([[, , name]]) => (name === undefined ? [] : [name])));
  const counters = new Map<string, number>();
  const freshName = (base: string): string => {
    let i = counters.get(base) ?? 0;
    let name = i === 0 ? base : `${base}_${i}`;
    while (taken.has(name)) name = `${base}_${++i}`;
    counters.set(base, i + 1);
    taken.add(name);
    return name;
  };
  entries.forEach(([[kind, params, name], from], i) => {
    const id = `n${i + 1}`;
    const params_ = { ...structuredClone(getSpec(kind).params.defaults), ...(params ?? {}) };
    nodes.push({ id, kind, name: name ?? freshName(kerasBaseName(kind)), params: params_, position: { x: origin.x, y: origin.y + i * LAYER_SPACING_Y } } as LayerNode);
    for (const j of from ?? (i > 0 ? [i - 1] : [])) edges.push({ id: edgeId(`n${j + 1}`, id), source: `n${j + 1}`, target: id });
  });
  return { nodes, edges };
}

export function addNode(graph: Graph, node: LayerNode): Graph {
  return { nodes: [...graph.nodes, node], edges: graph.edges };
}

export function edgeId(source: string, target: string): string {
  return `e-${source}-${target}`;
}

/** Why a connection would make an impossible graph, or null when it is fine. */
export function connectionProblem(graph: Graph, source: string, target: string): string | null {
  const from = graph.nodes.find((n) => n.id === source);
  const to = graph.nodes.find((n) => n.id === target);
  if (!from || !to) return 'Both ends must be layers on the canvas.';
  if (source === target) return 'A layer cannot feed itself.';
  if (to.kind === 'input') return 'An Input layer takes no connection: it is where data enters.';
  if (graph.edges.some((e) => e.source === source && e.target === target)) return 'These layers are already connected.';
  const taken = graph.edges.filter((e) => e.target === target).length;
  const most = isLayerKind(to.kind) ? getSpec(to.kind).inputs.max : 1;
  if (taken >= most) {
    return most === 1
      ? `${to.name} already has an input; these layers take one. Delete that connection first, or join the two with a merge layer (Add, Concatenate).`
      : `${to.name} already has ${taken} inputs, the most it takes.`;
  }
  if (reaches(graph, target, source)) return `That would make a cycle: ${to.name} already feeds ${from.name}.`;
  return null;
}

export function connect(graph: Graph, source: string, target: string): { graph: Graph; problem: string | null } {
  const problem = connectionProblem(graph, source, target);
  if (problem) return { graph, problem };
  const edge: GraphEdge = { id: edgeId(source, target), source, target };
  return { graph: { nodes: graph.nodes, edges: [...graph.edges, edge] }, problem: null };
}

export function removeNodes(graph: Graph, ids: readonly string[]): Graph {
  const gone = new Set(ids);
  return {
    nodes: graph.nodes.filter((n) => !gone.has(n.id)),
    edges: graph.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
  };
}

export function removeEdges(graph: Graph, ids: readonly string[]): Graph {
  const gone = new Set(ids);
  return { nodes: graph.nodes, edges: graph.edges.filter((e) => !gone.has(e.id)) };
}

export function updateParams(graph: Graph, id: string, params: Record<string, unknown>): Graph {
  return {
    nodes: graph.nodes.map((n) => (n.id === id ? ({ ...n, params: { ...n.params, ...params } } as LayerNode) : n)),
    edges: graph.edges,
  };
}

/** Freezes (Keras' trainable=False) or unfreezes a layer's weights. */
export function setTrainable(graph: Graph, id: string, trainable: boolean): Graph {
  return {
    nodes: graph.nodes.map((n) => {
      if (n.id !== id) return n;
      const { trainable: _, ...rest } = n;
      return (trainable ? rest : { ...rest, trainable: false }) as LayerNode;
    }),
    edges: graph.edges,
  };
}

/**
 * Moves a connection one place earlier (-1) or later (+1) among the inputs of the layer it feeds:
 * a merge layer's inputs are in edge order (Concatenate stacks them so).
 */
export function moveInput(graph: Graph, edgeId: string, by: -1 | 1): Graph {
  const edge = graph.edges.find((e) => e.id === edgeId);
  if (!edge) return graph;
  const siblings = graph.edges.flatMap((e, i) => (e.target === edge.target ? [i] : []));
  const at = siblings.findIndex((i) => graph.edges[i].id === edgeId);
  const other = siblings[at + by];
  if (other === undefined) return graph;
  const edges = [...graph.edges];
  [edges[siblings[at]], edges[other]] = [edges[other], edges[siblings[at]]];
  return { nodes: graph.nodes, edges };
}

/** Renames a layer; refuses names already in use, as Keras would. */
export function renameNode(graph: Graph, id: string, name: string): { graph: Graph; problem: string | null } {
  const trimmed = name.trim();
  if (!/^[A-Za-z_][\w.-]*$/.test(trimmed)) return { graph, problem: 'A layer name starts with a letter or _ and has no spaces.' };
  const problem = layerNameProblem(trimmed);
  if (problem) return { graph, problem: problem.charAt(0).toUpperCase() + problem.slice(1) };
  if (graph.nodes.some((n) => n.id !== id && n.name === trimmed)) return { graph, problem: `Another layer is already named "${trimmed}".` };
  return { graph: { nodes: graph.nodes.map((n) => (n.id === id ? { ...n, name: trimmed } : n)), edges: graph.edges }, problem: null };
}

/** Is `to` reachable from `from` along edges? */
export function reaches(graph: Graph, from: string, to: string): boolean {
  const seen = new Set([from]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    if (queue[i] === to) return true;
    for (const e of graph.edges) {
      if (e.source === queue[i] && !seen.has(e.target)) {
        seen.add(e.target);
        queue.push(e.target);
      }
    }
  }
  return false;
}

/** Each layer's inputs in order (the graph's edge order). */
export function inputsOf(graph: Graph): Map<string, string[]> {
  const inputs = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) inputs.get(e.target)?.push(e.source);
  return inputs;
}

/** A chain is written as Keras' Sequential, anything else as Functional. */
export function isChain(graph: Graph): boolean {
  const inputs = inputsOf(graph);
  const outputs = new Map<string, number>();
  for (const e of graph.edges) outputs.set(e.source, (outputs.get(e.source) ?? 0) + 1);
  return [...inputs.values()].every((i) => i.length <= 1) && [...outputs.values()].every((n) => n <= 1);
}
