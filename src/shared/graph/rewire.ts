// Edits on connections: insert a layer into one, move one of its ends, cut a layer loose.
import { createNode } from '../layers/registry';
import type { Graph, LayerKind, LayerNode } from './model';
import { LAYER_SPACING_Y, addNode, connect, connectionProblem, edgeId as edgeId_, reaches, removeEdges } from './ops';

/**
 * Puts a new layer of `kind` on the connection `edgeId` (source -> new -> target). The new layer
 * takes the target's place and the target with everything below it moves down one row.
 */
export function insertIntoEdge(graph: Graph, edgeId: string, kind: LayerKind): { graph: Graph; id: string | null; problem: string | null } {
  const edge = graph.edges.find((e) => e.id === edgeId);
  const target = edge && graph.nodes.find((n) => n.id === edge.target);
  if (!edge || !target) return { graph, id: null, problem: 'That connection is no longer there.' };
  if (kind === 'input') return { graph, id: null, problem: 'An Input takes no connection: it cannot go between two layers.' };
  const below = new Set(graph.nodes.filter((n) => reaches(graph, target.id, n.id)).map((n) => n.id));
  const moved: Graph = {
    nodes: graph.nodes.map((n) => (below.has(n.id) ? ({ ...n, position: { x: n.position.x, y: n.position.y + LAYER_SPACING_Y } } as LayerNode) : n)),
    edges: graph.edges,
  };
  const node = createNode(kind, target.position, moved);
  let next = addNode(removeEdges(moved, [edge.id]), node);
  const first = connect(next, edge.source, node.id);
  const second = connect(first.graph, node.id, edge.target);
  const problem = first.problem ?? second.problem;
  if (problem) return { graph, id: null, problem };
  // The new layer feeds the target where the old connection did: a merge's inputs keep their order.
  const edges = second.graph.edges.slice(0, -1);
  edges.splice(graph.edges.indexOf(edge), 0, second.graph.edges[second.graph.edges.length - 1]);
  next = { nodes: second.graph.nodes, edges };
  return { graph: next, id: node.id, problem: null };
}

/** Moves a connection's ends to `source` -> `target`; refused (graph unchanged) with the reason. */
export function reconnectEdge(graph: Graph, edgeId: string, source: string, target: string): { graph: Graph; problem: string | null } {
  const edge = graph.edges.find((e) => e.id === edgeId);
  if (!edge) return { graph, problem: 'That connection is no longer there.' };
  if (edge.source === source && edge.target === target) return { graph, problem: null };
  const without = removeEdges(graph, [edgeId]);
  const problem = connectionProblem(without, source, target);
  if (problem) return { graph, problem };
  // In place: a merge layer's inputs keep their order.
  const moved = { id: edgeId_(source, target), source, target };
  return { graph: { nodes: graph.nodes, edges: graph.edges.map((e) => (e.id === edgeId ? moved : e)) }, problem: null };
}

/** Removes every connection into or out of a layer, keeping the layer. */
export function disconnectNode(graph: Graph, id: string): Graph {
  return removeEdges(graph, graph.edges.filter((e) => e.source === id || e.target === id).map((e) => e.id));
}
