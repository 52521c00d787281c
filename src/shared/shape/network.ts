// A graph that shape inference has accepted, with its layers in the order they run. The engine
// infers once per request and hands this to everything that builds or trains the model.
import type { Graph, LayerNode } from '../graph/model';
import { inferGraph } from './infer';
import type { GraphInfo } from './types';

export interface Network {
  graph: Graph;
  info: GraphInfo;
  /** From the Input layer to the output, in the order the model runs them. */
  layers: LayerNode[];
}

/** The first thing wrong with the graph (graph-wide errors before per-layer ones), or null. */
export function firstGraphError(info: GraphInfo): string | null {
  return info.graphErrors[0] ?? Object.values(info.nodes).flatMap((n) => n.errors)[0] ?? null;
}

/** Infers the graph; a network that can run, or what to fix first ("it is incomplete." when nothing names a cause). */
export function inferNetwork(graph: Graph): { ok: true; value: Network } | { ok: false; error: string } {
  const info = inferGraph(graph);
  if (!info.valid) return { ok: false, error: firstGraphError(info) ?? 'it is incomplete.' };
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return { ok: true, value: { graph, info, layers: info.order.map((id) => byId.get(id)!) } };
}

/** inferNetwork for callers that stop on an error: the message starts with what could not be done. */
export function requireNetwork(graph: Graph, doing: string): Network {
  const net = inferNetwork(graph);
  if (!net.ok) throw new Error(`${doing}: ${net.error}`);
  return net.value;
}
