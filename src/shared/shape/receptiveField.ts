// Receptive field: how many input pixels (per axis) one output value of a layer can see.
// Along a chain: r_out = r_in + (k - 1) * j_in and j_out = j_in * s, starting from r = 1, j = 1
// at the input (j is the distance in input pixels between neighbouring outputs). Padding changes
// the output size, not the receptive field.
import { userKeyed } from '../dict';
import type { Graph } from '../graph/model';
import type { GraphInfo } from './types';

export interface ReceptiveField {
  /** [height, width] in input pixels, or null once the spatial axes are gone (Flatten, Dense). */
  size: [number, number] | null;
  jump: [number, number] | null;
}

export function receptiveFields(graph: Graph, info: GraphInfo): Record<string, ReceptiveField> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const parent = new Map(graph.edges.map((e) => [e.target, e.source]));
  const out = userKeyed<ReceptiveField>();
  for (const id of info.order) {
    const node = byId.get(id)!;
    const from = parent.get(id);
    const prev: ReceptiveField = from && out[from] ? out[from] : { size: [1, 1], jump: [1, 1] };
    if (node.kind === 'input') {
      out[id] = node.params.shape.length === 3 ? { size: [1, 1], jump: [1, 1] } : { size: null, jump: null };
      continue;
    }
    if (!prev.size || !prev.jump) {
      out[id] = { size: null, jump: null };
      continue;
    }
    let window: [number, number] | null = null;
    let strides: [number, number] = [1, 1];
    if (node.kind === 'conv2d') [window, strides] = [node.params.kernelSize, node.params.strides];
    if (node.kind === 'maxPooling2d' || node.kind === 'averagePooling2d') [window, strides] = [node.params.poolSize, node.params.strides ?? node.params.poolSize];
    if (node.kind === 'flatten' || node.kind === 'dense' || node.kind === 'globalAveragePooling2d') {
      out[id] = { size: null, jump: null };
      continue;
    }
    if (!window) {
      out[id] = prev; // dropout, batch norm, activation: one value per value
      continue;
    }
    out[id] = {
      size: [prev.size[0] + (window[0] - 1) * prev.jump[0], prev.size[1] + (window[1] - 1) * prev.jump[1]],
      jump: [prev.jump[0] * strides[0], prev.jump[1] * strides[1]],
    };
  }
  return out;
}
