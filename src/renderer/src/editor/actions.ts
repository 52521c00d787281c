// Editing commands shared by the toolbar, the menu, the palette and keyboard shortcuts.
import type { Graph, LayerKind, LayerNode } from '@shared/graph/model';
import { layoutGraph } from '@shared/graph/layout';
import { LAYER_SPACING_Y, connectionProblem } from '@shared/graph/ops';
import { uniqueLayerName, uniqueNodeId } from '@shared/layers/registry';
import { useAppStore } from '../store';

/** Adds a layer under the selected one (or the last layer) and connects it when that is allowed. */
export function addLayerBelowSelection(kind: LayerKind): void {
  const { graph, selectedIds, addLayer } = useAppStore.getState();
  const anchorId = selectedIds[selectedIds.length - 1] ?? graph.nodes[graph.nodes.length - 1]?.id;
  const anchor = graph.nodes.find((n) => n.id === anchorId);
  const position = anchor ? { x: anchor.position.x, y: anchor.position.y + LAYER_SPACING_Y } : { x: 0, y: 0 };
  const free = anchor && kind !== 'input' && !graph.edges.some((e) => e.source === anchor.id);
  addLayer(kind, position, free ? anchor.id : null);
}

/**
 * Connects the two selected layers without a mouse: the upper one into the lower one, or the
 * other way round when only that is allowed (e.g. the upper one already has its input).
 */
export function connectSelectedLayers(): void {
  const { graph, selectedIds, connectLayers, notify } = useAppStore.getState();
  const picked = graph.nodes.filter((n) => selectedIds.includes(n.id)).sort((a, b) => a.position.y - b.position.y);
  if (picked.length !== 2) return notify('Select two layers to connect them (Enter selects a focused layer, Shift+Enter adds one).', 'error');
  const [upper, lower] = picked;
  const [from, to] = connectionProblem(graph, upper.id, lower.id) && !connectionProblem(graph, lower.id, upper.id) ? [lower, upper] : [upper, lower];
  const problem = connectLayers(from.id, to.id);
  notify(problem ?? `Connected ${from.name} to ${to.name}.`, problem ? 'error' : 'info');
}

/** Tidy top-to-bottom layout with dagre. */
export const autoLayout = layoutGraph;

/** Copies of the given layers (and the connections among them) with fresh ids and names, offset. */
export function cloneLayers(graph: Graph, source: Graph, offset = 40): Graph {
  let target = graph;
  const idMap = new Map<string, string>();
  for (const n of source.nodes) {
    const id = uniqueNodeId(target);
    idMap.set(n.id, id);
    const copy = { ...n, id, name: uniqueLayerName(n.name.replace(/_\d+$/, ''), target), position: { x: n.position.x + offset, y: n.position.y + offset } } as LayerNode;
    target = { nodes: [...target.nodes, copy], edges: target.edges };
  }
  const edges = source.edges
    .filter((e) => idMap.has(e.source) && idMap.has(e.target))
    .map((e) => ({ id: `e-${idMap.get(e.source)}-${idMap.get(e.target)}`, source: idMap.get(e.source)!, target: idMap.get(e.target)! }));
  return { nodes: target.nodes, edges: [...target.edges, ...edges] };
}

export function selectionAsGraph(): Graph {
  const { graph, selectedIds } = useAppStore.getState();
  const ids = new Set(selectedIds);
  return { nodes: graph.nodes.filter((n) => ids.has(n.id)), edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}

export function pasteLayers(clip: Graph): void {
  const { graph, setGraph, select } = useAppStore.getState();
  const next = cloneLayers(graph, clip);
  setGraph(next);
  select(next.nodes.slice(graph.nodes.length).map((n) => n.id));
}

/** Copies of the selected layers (and their connections among them), selected. */
export function duplicateSelection(): void {
  const clip = selectionAsGraph();
  if (clip.nodes.length) pasteLayers(clip);
}
