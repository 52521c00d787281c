import type { StateCreator } from 'zustand';
import type { Graph, LayerKind, Position } from '@shared/graph/model';
import { addNode, connect, moveInput, removeEdges, removeNodes, renameNode, setTrainable, updateParams } from '@shared/graph/ops';
import { disconnectNode, insertIntoEdge, reconnectEdge } from '@shared/graph/rewire';
import { createNode } from '@shared/layers/registry';
import { inferGraph } from '@shared/shape/infer';
import type { GraphInfo } from '@shared/shape/types';
import type { AppState } from './index';

const HISTORY_LIMIT = 200;
const EMPTY: Graph = { nodes: [], edges: [] };

export interface GraphSlice {
  graph: Graph;
  /** Always inferGraph(graph): recomputed on every change. */
  info: GraphInfo;
  past: Graph[];
  future: Graph[];
  /** Edits with the same key in a row (typing in one field) make one undo step. */
  lastEditKey: string | null;
  /** The graph as last saved or opened: dirty = graph !== savedGraph. */
  savedGraph: Graph;
  documentName: string;
  /** Where the document lives under Electron (absent in the browser or when never saved). */
  filePath: string | null;

  /** Replaces the graph as one undoable step (or merges into the last one with the same key). */
  setGraph(graph: Graph, editKey?: string | null): void;
  /** Position-only changes while dragging: no history entry (one is made at drag start). */
  setGraphQuietly(graph: Graph): void;
  /** Pushes the current graph to history without changing it (before a drag). */
  checkpoint(): void;
  addLayer(kind: LayerKind, position: Position, connectFrom?: string | null): string;
  connectLayers(source: string, target: string): string | null;
  removeLayers(ids: string[]): void;
  removeConnections(ids: string[]): void;
  /** Deletes exactly what is selected: the selected connections, or else the selected layers. */
  removeSelection(): void;
  /** Puts a new layer on a connection; returns why not, or null. */
  insertLayer(edgeId: string, kind: LayerKind): string | null;
  /** Moves a connection's ends; returns why not, or null. */
  reconnect(edgeId: string, source: string, target: string): string | null;
  disconnectLayer(id: string): void;
  setParams(id: string, params: Record<string, unknown>, field: string): void;
  renameLayer(id: string, name: string): string | null;
  /** Freezes or unfreezes a layer's weights (Keras' trainable). */
  setTrainable(id: string, trainable: boolean): void;
  /** Moves a connection one place earlier or later among its target's inputs. */
  moveInput(edgeId: string, by: -1 | 1): void;
  undo(): void;
  redo(): void;
  openDocument(graph: Graph, name: string, filePath?: string | null): void;
  markSaved(name?: string, filePath?: string | null): void;
}

export const createGraphSlice: StateCreator<AppState, [], [], GraphSlice> = (set, get) => ({
  graph: EMPTY,
  info: inferGraph(EMPTY),
  past: [],
  future: [],
  lastEditKey: null,
  savedGraph: EMPTY,
  documentName: 'Untitled',
  filePath: null,

  setGraph: (graph, editKey = null) => {
    const { graph: current, past, lastEditKey } = get();
    if (graph === current) return;
    const merge = editKey !== null && editKey === lastEditKey;
    set({
      graph,
      info: inferGraph(graph),
      past: merge ? past : [...past, current].slice(-HISTORY_LIMIT),
      future: [],
      lastEditKey: editKey,
    });
  },
  setGraphQuietly: (graph) => set({ graph, info: inferGraph(graph) }),
  checkpoint: () => set((s) => ({ past: [...s.past, s.graph].slice(-HISTORY_LIMIT), future: [], lastEditKey: null })),

  addLayer: (kind, position, connectFrom = null) => {
    const { graph, setGraph, select } = get();
    const node = createNode(kind, position, graph);
    let next = addNode(graph, node);
    if (connectFrom) next = connect(next, connectFrom, node.id).graph;
    setGraph(next);
    select([node.id]);
    return node.id;
  },
  connectLayers: (source, target) => {
    const result = connect(get().graph, source, target);
    if (!result.problem) get().setGraph(result.graph);
    return result.problem;
  },
  removeLayers: (ids) => {
    if (ids.length === 0) return;
    get().setGraph(removeNodes(get().graph, ids));
    get().select(get().selectedIds.filter((id) => !ids.includes(id)));
  },
  removeConnections: (ids) => {
    if (ids.length === 0) return;
    get().setGraph(removeEdges(get().graph, ids));
    get().selectEdges(get().selectedEdgeIds.filter((id) => !ids.includes(id)));
  },
  removeSelection: () => {
    const { selectedEdgeIds, selectedIds, removeConnections, removeLayers } = get();
    if (selectedEdgeIds.length > 0) removeConnections(selectedEdgeIds);
    else removeLayers(selectedIds);
  },
  insertLayer: (edgeId, kind) => {
    const result = insertIntoEdge(get().graph, edgeId, kind);
    if (result.problem || !result.id) return result.problem;
    get().setGraph(result.graph);
    get().select([result.id]);
    return null;
  },
  reconnect: (edgeId, source, target) => {
    const result = reconnectEdge(get().graph, edgeId, source, target);
    if (!result.problem) get().setGraph(result.graph);
    return result.problem;
  },
  disconnectLayer: (id) => get().setGraph(disconnectNode(get().graph, id)),
  setParams: (id, params, field) => get().setGraph(updateParams(get().graph, id, params), `${id}:${field}`),
  renameLayer: (id, name) => {
    const result = renameNode(get().graph, id, name);
    if (!result.problem) get().setGraph(result.graph, `${id}:name`);
    return result.problem;
  },
  setTrainable: (id, trainable) => get().setGraph(setTrainable(get().graph, id, trainable)),
  moveInput: (edgeId, by) => get().setGraph(moveInput(get().graph, edgeId, by)),
  undo: () => {
    const { past, graph, future } = get();
    if (past.length === 0) return;
    const previous = past[past.length - 1];
    set({ graph: previous, info: inferGraph(previous), past: past.slice(0, -1), future: [graph, ...future], lastEditKey: null });
  },
  redo: () => {
    const { past, graph, future } = get();
    if (future.length === 0) return;
    const next = future[0];
    set({ graph: next, info: inferGraph(next), past: [...past, graph], future: future.slice(1), lastEditKey: null });
  },
  openDocument: (graph, name, filePath = null) => {
    set({ graph, info: inferGraph(graph), past: [], future: [], lastEditKey: null, savedGraph: graph, documentName: name, filePath });
    get().select([]);
  },
  markSaved: (name, filePath) =>
    set((s) => ({ savedGraph: s.graph, documentName: name ?? s.documentName, filePath: filePath === undefined ? s.filePath : filePath })),
});
