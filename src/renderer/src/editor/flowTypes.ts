import type { Edge, Node, NodeTypes } from '@xyflow/react';
import LayerNodeCard from './nodes/LayerNodeCard';

/** Node data stays empty: cards read their layer from the store by id (reactflow's state guide). */
export type LayerFlowNode = Node<Record<string, never>, 'layer'>;
export type ShapeFlowEdge = Edge;

export const nodeTypes: NodeTypes = { layer: LayerNodeCard };
