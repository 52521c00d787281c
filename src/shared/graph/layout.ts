// Top-to-bottom layout of a network with dagre: branches side by side, merges below them.
import dagre from '@dagrejs/dagre';
import type { Graph, LayerNode } from './model';
import { LAYER_SPACING_Y, isChain } from './ops';

/** The size of a node card on the canvas, for layout. */
export const NODE_W = 250;
export const NODE_H = 84;

export function layoutGraph(graph: Graph): Graph {
  // A chain is a straight stack (dagre's recursion also overflows on chains of thousands).
  if (isChain(graph)) return stackChain(graph);
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 36 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: NODE_W, height: NODE_H });
  for (const e of graph.edges) g.setEdge(e.source, e.target, {}, e.id);
  dagre.layout(g);
  return {
    nodes: graph.nodes.map((n) => {
      const p = g.node(n.id);
      return { ...n, position: { x: Math.round(p.x - NODE_W / 2), y: Math.round(p.y - NODE_H / 2) } } as LayerNode;
    }),
    edges: graph.edges,
  };
}

function stackChain(graph: Graph): Graph {
  const next = new Map(graph.edges.map((e) => [e.source, e.target]));
  const targets = new Set(graph.edges.map((e) => e.target));
  const row = new Map<string, number>();
  let y = 0;
  for (const head of graph.nodes.filter((n) => !targets.has(n.id))) {
    for (let id: string | undefined = head.id; id !== undefined && !row.has(id); id = next.get(id)) row.set(id, y++);
  }
  return { nodes: graph.nodes.map((n) => ({ ...n, position: { x: 0, y: (row.get(n.id) ?? y++) * LAYER_SPACING_Y } }) as LayerNode), edges: graph.edges };
}
