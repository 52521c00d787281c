import type * as tf from '@tensorflow/tfjs';
import type { Graph } from '@shared/graph/model';
import { sameNetwork } from '@shared/graph/sameNetwork';

/** The model of the latest run (trained, being trained, or loaded from a file), for feature maps and export. */
export interface LatestModel {
  runId: string | null;
  model: tf.LayersModel | null;
  graph: Graph | null;
  training: boolean;
}

export const latest: LatestModel = { runId: null, model: null, graph: null, training: false };

/** The trained model, when the last run trained this same network (same layers and parameters). */
export function trainedModelOf(graph: Graph): tf.LayersModel | null {
  return latest.model && latest.graph && sameNetwork(latest.graph, graph) ? latest.model : null;
}
