import type { LayerKind, Shape } from '../graph/model';

export interface ParamCounts {
  total: number;
  trainable: number;
  nonTrainable: number;
}

/** What shape inference says about one node. A node with errors has outputShape null. */
export interface NodeInfo {
  id: string;
  name: string;
  kind: LayerKind;
  /** Shapes arriving at this node, one per incoming edge (in edge order). */
  inputShapes: Shape[];
  outputShape: Shape | null;
  params: ParamCounts;
  /** How the count was made, for learners: "(3*3*32 + 1) * 64 = 18,496". Empty when no params. */
  formula: string;
  /** How the output size was computed, e.g. "valid: floor((28 - 3) / 1) + 1 = 26". */
  shapeFormula: string;
  /** Each says what is wrong and what to change, naming the node. */
  errors: string[];
  warnings: string[];
}

export interface GraphInfo {
  /** By node id; a prototype-free object (ids are user strings, "__proto__" included). */
  nodes: Record<string, NodeInfo>;
  /** Node ids in topological order (nodes on a cycle are left out). */
  order: string[];
  /** Errors that belong to no single node (no Input, two Inputs, no output...). */
  graphErrors: string[];
  totals: ParamCounts & { bytes: number };
  inputId: string | null;
  outputId: string | null;
  /** True when every node has a shape and there are no errors: the graph can be built and trained. */
  valid: boolean;
}
