import type { EdgeTypes, Node, NodeTypes } from '@xyflow/react';
import LayerNodeCard from './nodes/LayerNodeCard';
import ShapeEdge, { type ShapeFlowEdge } from './edges/ShapeEdge';

/** Node data stays empty: cards read their layer from the store by id (reactflow's state guide). */
export type LayerFlowNode = Node<Record<string, never>, 'layer'>;
export type { ShapeFlowEdge };

export const nodeTypes: NodeTypes = { layer: LayerNodeCard };
export const edgeTypes: EdgeTypes = { shape: ShapeEdge };
