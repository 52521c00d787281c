import { useCallback, useMemo, useRef, useState } from 'react';
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type NodeChange,
  type OnConnectEnd,
} from '@xyflow/react';
import { formatShape } from '@shared/format';
import { connectionProblem } from '@shared/graph/ops';
import { getSpec, isLayerKind } from '@shared/layers/registry';
import type { LayerNode } from '@shared/graph/model';
import { useAppStore } from '../store';
import { edgeTypes, nodeTypes, type LayerFlowNode, type ShapeFlowEdge } from './flowTypes';
import { CanvasMaps } from '../explain/CanvasMaps';
import { requestFit } from './viewFit';

export const LAYER_DRAG_TYPE = 'application/x-netbuilder-layer';
const GRID: [number, number] = [10, 10];

/** The reactflow canvas, controlled by the store's graph. */
export function FlowCanvas(): React.JSX.Element {
  const graph = useAppStore((s) => s.graph);
  const info = useAppStore((s) => s.info);
  const selectedIds = useAppStore((s) => s.selectedIds);
  const selectedEdgeIds = useAppStore((s) => s.selectedEdgeIds);
  const theme = useAppStore((s) => s.theme);
  const { screenToFlowPosition } = useReactFlow();
  // Sizes reactflow measured: controlled nodes must carry them (the minimap and fitView use them).
  const [measured, setMeasured] = useState<ReadonlyMap<string, { width: number; height: number }>>(new Map());

  // Reuse node objects whose layer and selection did not change, so reactflow skips them.
  type Entry = { layer: LayerNode; selected: boolean; size: { width: number; height: number } | undefined; node: LayerFlowNode };
  const cache = useRef(new Map<string, Entry>());
  const nodes = useMemo(() => {
    const selected = new Set(selectedIds);
    const next = new Map<string, Entry>();
    const list = graph.nodes.map((layer) => {
      const isSelected = selected.has(layer.id);
      const size = measured.get(layer.id);
      const hit = cache.current.get(layer.id);
      const node =
        hit && hit.layer === layer && hit.selected === isSelected && hit.size === size
          ? hit.node
          : ({ id: layer.id, type: 'layer', position: layer.position, data: {}, selected: isSelected, measured: size } as LayerFlowNode);
      next.set(layer.id, { layer, selected: isSelected, size, node });
      return node;
    });
    cache.current = next;
    return list;
  }, [graph.nodes, selectedIds, measured]);

  // Edges keep their objects while the shape they carry is unchanged, so an edit re-renders only
  // the edges whose label changed.
  const edgeCache = useRef(new Map<string, ShapeFlowEdge>());
  const edges = useMemo<ShapeFlowEdge[]>(() => {
    const next = new Map<string, ShapeFlowEdge>();
    const selected = new Set(selectedEdgeIds);
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    // A merge layer's inputs are numbered in their order (the order of the graph's edges).
    const seen = new Map<string, number>();
    const list = graph.edges.map((e) => {
      const target = byId.get(e.target);
      const merge = target && isLayerKind(target.kind) && getSpec(target.kind).inputs.max > 1;
      const order = merge ? (seen.get(e.target) ?? 0) + 1 : undefined;
      if (order !== undefined) seen.set(e.target, order);
      const ariaLabel = `Connection ${byId.get(e.source)?.name} → ${target?.name}`;
      const shape = info.nodes[e.source]?.outputShape;
      const label = shape ? formatShape(shape) : undefined;
      const isSelected = selected.has(e.id);
      const hit = edgeCache.current.get(e.id);
      const edge: ShapeFlowEdge =
        hit && hit.source === e.source && hit.target === e.target && hit.label === label && !!hit.selected === isSelected && hit.ariaLabel === ariaLabel && hit.data?.order === order
          ? hit
          : {
              id: e.id,
              type: 'shape',
              source: e.source,
              target: e.target,
              label,
              selected: isSelected,
              className: 'shape-edge',
              labelBgPadding: [4, 2],
              labelBgBorderRadius: 3,
              ariaLabel,
              data: order === undefined ? {} : { order, of: target!.name },
            };
      next.set(e.id, edge);
      return edge;
    });
    edgeCache.current = next;
    return list;
  }, [graph.edges, graph.nodes, info, selectedEdgeIds]);

  const onNodesChange = useCallback((changes: NodeChange<LayerFlowNode>[]) => {
    const { graph: current, setGraphQuietly, select, selectedIds: currentSelection } = useAppStore.getState();
    const moved = new Map<string, { x: number; y: number }>();
    let selection: Set<string> | null = null;
    const sizes = new Map<string, { width: number; height: number }>();
    for (const c of changes) {
      if (c.type === 'dimensions' && c.dimensions) sizes.set(c.id, c.dimensions);
      if (c.type === 'position' && c.position) moved.set(c.id, c.position);
      if (c.type === 'select') {
        selection ??= new Set(currentSelection);
        if (c.selected) selection.add(c.id);
        else selection.delete(c.id);
      }
    }
    if (moved.size > 0) {
      setGraphQuietly({
        nodes: current.nodes.map((n) => (moved.has(n.id) ? ({ ...n, position: moved.get(n.id)! } as LayerNode) : n)),
        edges: current.edges,
      });
    }
    if (selection) select(current.nodes.map((n) => n.id).filter((id) => selection!.has(id)));
    if (sizes.size > 0) setMeasured((m) => new Map([...m, ...sizes]));
  }, []);

  const onEdgeClick = useCallback((event: React.MouseEvent, edge: Edge) => {
    const { selectedEdgeIds: current, selectEdges } = useAppStore.getState();
    const add = event.shiftKey || event.ctrlKey || event.metaKey;
    selectEdges(add ? (current.includes(edge.id) ? current.filter((id) => id !== edge.id) : [...current, edge.id]) : [edge.id]);
  }, []);

  const onReconnect = useCallback((old: Edge, c: Connection) => {
    const problem = useAppStore.getState().reconnect(old.id, c.source, c.target);
    if (problem) useAppStore.getState().notify(problem, 'error');
  }, []);

  const onNodeContextMenu = useCallback((event: React.MouseEvent, node: LayerFlowNode) => {
    event.preventDefault();
    const s = useAppStore.getState();
    if (!s.selectedIds.includes(node.id)) s.select([node.id]);
    s.openContextMenu({ x: event.clientX, y: event.clientY, target: { kind: 'layer', id: node.id } });
  }, []);

  const onEdgeContextMenu = useCallback((event: React.MouseEvent, edge: Edge) => {
    event.preventDefault();
    const s = useAppStore.getState();
    s.selectEdges([edge.id]);
    s.openContextMenu({ x: event.clientX, y: event.clientY, target: { kind: 'connection', id: edge.id } });
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const problem = useAppStore.getState().connectLayers(c.source, c.target);
    if (problem) useAppStore.getState().notify(problem, 'error');
  }, []);

  const isValidConnection = useCallback(
    (c: Connection | Edge) => connectionProblem(useAppStore.getState().graph, c.source, c.target) === null,
    [],
  );

  // A connection refused while dragging (isValidConnection) says why when it is dropped.
  const onConnectEnd: OnConnectEnd = useCallback((_event, state) => {
    if (state.isValid !== false || !state.fromNode || !state.toNode) return;
    const [source, target] = state.fromHandle?.type === 'target' ? [state.toNode.id, state.fromNode.id] : [state.fromNode.id, state.toNode.id];
    const problem = connectionProblem(useAppStore.getState().graph, source, target);
    if (problem) useAppStore.getState().notify(problem, 'error');
  }, []);

  const onDrop = useCallback(
    (event: React.DragEvent) => {
      const kind = event.dataTransfer.getData(LAYER_DRAG_TYPE);
      if (!isLayerKind(kind)) return;
      event.preventDefault();
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      useAppStore.getState().addLayer(kind, { x: Math.round(position.x / 10) * 10 - 90, y: Math.round(position.y / 10) * 10 - 20 });
    },
    [screenToFlowPosition],
  );

  return (
    <ReactFlow<LayerFlowNode, ShapeFlowEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onNodeDragStart={() => useAppStore.getState().checkpoint()}
      onSelectionDragStart={() => useAppStore.getState().checkpoint()}
      onConnect={onConnect}
      onEdgeClick={onEdgeClick}
      onNodeClick={(event, node) => {
        const s = useAppStore.getState();
        // A plain click selects just this layer, even when it was part of a larger selection.
        if (!event.shiftKey && !event.ctrlKey && !event.metaKey) s.select([node.id]);
        // The summary lists every layer; a layer clicked on the canvas is shown in full.
        if (s.dockTab === 'summary') s.setDockTab('inspector');
      }}
      onReconnect={onReconnect}
      edgesReconnectable
      onNodeContextMenu={onNodeContextMenu}
      onEdgeContextMenu={onEdgeContextMenu}
      onPaneContextMenu={(e) => (e.preventDefault(), useAppStore.getState().openContextMenu(null))}
      onConnectEnd={onConnectEnd}
      isValidConnection={isValidConnection}
      onDrop={onDrop}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onPaneClick={() => (useAppStore.getState().select([]), useAppStore.getState().openContextMenu(null))}
      snapToGrid
      snapGrid={GRID}
      deleteKeyCode={null /* Delete/Backspace remove exactly the store's selection (editor/shortcuts.ts) */}
      multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
      colorMode={theme}
      minZoom={0.1}
      proOptions={{ hideAttribution: true }}
    >
      <Background variant={BackgroundVariant.Dots} gap={20} />
      {/* Its fit button fits as Fit view does, so a later resize knows the view was fitted. */}
      <Controls showInteractive={false} showFitView={false}>
        <ControlButton className="react-flow__controls-fitview" onClick={() => requestFit('whole')} title="Fit view (Ctrl+0)" aria-label="Fit view">
          <FitViewIcon />
        </ControlButton>
      </Controls>
      <CanvasMaps />
      <MiniMap pannable zoomable className="minimap" nodeColor={theme === 'dark' ? '#6b9bff' : '#2f6fed'} maskColor={theme === 'dark' ? 'rgba(0,0,0,0.5)' : 'rgba(240,242,246,0.6)'} nodeBorderRadius={4} />
    </ReactFlow>
  );
}

/** reactflow's own fit-view icon (its Controls do not export it). */
function FitViewIcon(): React.JSX.Element {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 30" aria-hidden="true">
      <path d="M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" />
    </svg>
  );
}
