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
  // dagre's balanced placement first; where one of its curves would run across a card, the
  // single-direction placements too (a residual shortcut is drawn straight beside its block in one
  // of them), keeping the one with the fewest cards crossed, then the least sideways. Large graphs
  // keep the first.
  let best = placed(graph, undefined);
  if (best.nodes.length > MAX_RETRIED_NODES) return best;
  let cost = layoutCost(best);
  for (const align of ['UL', 'UR', 'DL', 'DR'] as const) {
    if (cost[0] === 0) break;
    const next = placed(graph, align);
    const c = layoutCost(next);
    if (c[0] < cost[0] || (c[0] === cost[0] && c[1] < cost[1])) [best, cost] = [next, c];
  }
  return best;
}

const MAX_RETRIED_NODES = 300;
/** Room beside a card for a connection's shape label, which is centred on the curve. */
const CLEARANCE = 60;

function placed(graph: Graph, align: 'UL' | 'UR' | 'DL' | 'DR' | undefined): Graph {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 36, ...(align ? { align } : {}) });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: NODE_W, height: NODE_H });
  // The canvas draws each connection as one curve from card to card, not along dagre's route. So a
  // connection that skips ranks (a residual shortcut) gets a column of its own: a card-sized
  // placeholder on every rank it passes, which keeps the cards of the block it skips out of its way.
  const rank = longestPathRanks(graph);
  for (const e of graph.edges) {
    const span = (rank.get(e.target) ?? 0) - (rank.get(e.source) ?? 0);
    let from = e.source;
    for (let i = 1; i < span; i++) {
      const via = `${e.id}#${i}`;
      g.setNode(via, { width: NODE_W, height: NODE_H });
      g.setEdge(from, via, {}, `${e.id}#in${i}`);
      from = via;
    }
    g.setEdge(from, e.target, {}, e.id);
  }
  dagre.layout(g);
  return {
    nodes: graph.nodes.map((n) => {
      const p = g.node(n.id);
      return { ...n, position: { x: Math.round(p.x - NODE_W / 2), y: Math.round(p.y - NODE_H / 2) } } as LayerNode;
    }),
    edges: graph.edges,
  };
}

/**
 * The point at `t` (0..1) on the curve the canvas draws for a connection from a bottom handle at
 * (sx, sy) to a top handle at (tx, ty): reactflow's default bezier with its control offsets.
 */
export function connectionPoint(sx: number, sy: number, tx: number, ty: number, t: number): { x: number; y: number } {
  const dy = ty - sy;
  const k = dy >= 0 ? 0.5 * dy : 0.25 * 25 * Math.sqrt(-dy);
  const u = 1 - t;
  const [b0, b1, b2, b3] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
  return { x: (b0 + b1) * sx + (b2 + b3) * tx, y: b0 * sy + b1 * (sy + k) + b2 * (ty - k) + b3 * ty };
}

/** Cards crossed, then how far connections run sideways (shorter reads better). */
function layoutCost(graph: Graph): [number, number] {
  const at = new Map(graph.nodes.map((n) => [n.id, n.position.x]));
  return [cardsCrossed(graph), graph.edges.reduce((sum, e) => sum + Math.abs((at.get(e.source) ?? 0) - (at.get(e.target) ?? 0)), 0)];
}

/**
 * How many (connection, card) pairs cross: each connection sampled along the curve the canvas
 * draws (reactflow's bezier from the bottom of one card to the top of the next).
 */
export function cardsCrossed(graph: Graph): number {
  const at = new Map(graph.nodes.map((n) => [n.id, n.position]));
  let count = 0;
  for (const e of graph.edges) {
    const s = at.get(e.source);
    const t = at.get(e.target);
    if (!s || !t) continue;
    const [sx, sy, tx, ty] = [s.x + NODE_W / 2, s.y + NODE_H, t.x + NODE_W / 2, t.y];
    for (const n of graph.nodes) {
      if (n.id === e.source || n.id === e.target) continue;
      const { x, y } = n.position;
      for (let i = 1; i < 32; i++) {
        const { x: px, y: py } = connectionPoint(sx, sy, tx, ty, i / 32);
        if (px > x - CLEARANCE && px < x + NODE_W + CLEARANCE && py > y && py < y + NODE_H) {
          count++;
          break;
        }
      }
    }
  }
  return count;
}

/** Each layer's rank: the most connections on a path to it from a layer with no inputs. */
function longestPathRanks(graph: Graph): Map<string, number> {
  const inputs = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) inputs.get(e.target)?.push(e.source);
  const rank = new Map<string, number>();
  const visit = (id: string, depth: number): number => {
    const known = rank.get(id);
    if (known !== undefined) return known;
    if (depth > graph.nodes.length) return 0; // a cycle: the editor refuses them, a file may not
    const r = Math.max(-1, ...(inputs.get(id) ?? []).map((p) => visit(p, depth + 1))) + 1;
    rank.set(id, r);
    return r;
  };
  for (const n of graph.nodes) visit(n.id, 0);
  return rank;
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
