import type { Graph } from '@shared/graph/model';
import { requireNetwork, type Network } from '@shared/shape/network';

/** The graph as the engine receives it after its one shape inference. */
export function network(graph: Graph): Network {
  return requireNetwork(graph, 'The test network is not valid');
}
