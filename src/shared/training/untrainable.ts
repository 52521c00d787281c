// Settings TensorFlow.js can run but not train (each layer kind says which): caught before a run
// starts, in the Training tab as in the engine, instead of failing at the first step.
import type { Graph } from '../graph/model';
import { anySpec } from '../layers/registry';

/** Why the engine cannot train this network, naming the first layer at fault, or null. */
export function untrainableProblem(graph: Graph): string | null {
  for (const node of graph.nodes) {
    const problem = anySpec(node.kind).trainProblem?.(node.params);
    if (problem) return `${node.name}: ${problem}`;
  }
  return null;
}
