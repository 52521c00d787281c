import type { Graph } from './model';

/** Same layers, parameters and connections (positions and names aside): weights of one fit the other. */
export function sameNetwork(a: Graph, b: Graph): boolean {
  const key = (g: Graph): string => JSON.stringify([g.nodes.map((n) => [n.id, n.kind, n.params]), g.edges.map((e) => [e.source, e.target])]);
  return key(a) === key(b);
}
