import { useEffect } from 'react';
import type { Graph } from '@shared/graph/model';
import type { MenuCommand } from '@shared/ipc/files';
import { host } from '../host';
import { confirmDiscard, newDocument, openDocumentDialog, openGraph, readShareString, saveDocument, writeAutosave } from '../files/documents';
import { selectDirty, useAppStore } from '../store';
import { autoLayout, cloneLayers, connectSelectedLayers, duplicateSelection, pasteLayers, selectionAsGraph } from './actions';
import { requestFit } from './viewFit';

export const SHORTCUTS: [string, string][] = [
  ['Ctrl+N', 'New network'],
  ['Ctrl+O', 'Open'],
  ['Ctrl+S / Ctrl+Shift+S', 'Save / Save As'],
  ['Ctrl+Z', 'Undo'],
  ['Ctrl+Shift+Z or Ctrl+Y', 'Redo'],
  ['Ctrl+C / Ctrl+V', 'Copy / paste layers (or paste a shared network)'],
  ['Ctrl+D', 'Duplicate the selection'],
  ['Delete / Backspace', 'Delete the selected layers or connections'],
  ['Click a connection', 'Select it (drag one of its ends to reconnect it)'],
  ['Right-click a layer or connection', 'Duplicate, disconnect, delete, insert a layer'],
  ['Ctrl+A', 'Select all layers'],
  ['Ctrl+L', 'Auto layout'],
  ['Ctrl+0', 'Fit the view'],
  ['Shift+click, drag a box', 'Select several layers'],
  ['Double-click a palette block (or Enter)', 'Add it below the selected layer'],
  ['Tab, then Enter / Shift+Enter on layers', 'Select a layer / add it to the selection'],
  ['C', 'Connect the two selected layers (upper into lower)'],
  ['?', 'This list'],
];

const CLIP_KEY = 'netbuilderLayers';

export function runCommand(command: MenuCommand, path?: string): void {
  const s = useAppStore.getState();
  switch (command) {
    case 'new':
      return newDocument();
    case 'open':
      return void openDocumentDialog(path);
    case 'save':
      return void saveDocument(false);
    case 'saveAs':
      return void saveDocument(true);
    case 'undo':
      return s.undo();
    case 'redo':
      return s.redo();
    case 'examples':
      return s.openDialog('examples');
    case 'layout':
      s.setGraph(autoLayout(s.graph));
      return requestFit('readable');
    case 'fit':
      return requestFit('whole');
    case 'shortcuts':
      return s.openDialog('shortcuts');
  }
}

function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Keyboard shortcuts, clipboard, menu commands, autosave and the unsaved-changes guard. */
export function useEditorShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const s = useAppStore.getState();
      if (mod && key === 's') {
        e.preventDefault();
        return runCommand(e.shiftKey ? 'saveAs' : 'save');
      }
      if (mod && key === 'o') return e.preventDefault(), runCommand('open');
      if (mod && key === 'n' && !e.shiftKey) return e.preventDefault(), runCommand('new');
      if (inTextField(e.target)) return; // let fields undo their own text
      if (mod && key === 'z') return e.preventDefault(), runCommand(e.shiftKey ? 'redo' : 'undo');
      if (mod && key === 'y') return e.preventDefault(), runCommand('redo');
      if (mod && key === 'l') return e.preventDefault(), runCommand('layout');
      if (mod && key === '0') return e.preventDefault(), runCommand('fit');
      if (mod && key === 'a') return e.preventDefault(), s.select(s.graph.nodes.map((n) => n.id));
      if (mod && key === 'd') return e.preventDefault(), duplicateSelection();
      if (!mod && !e.altKey && key === 'c') return connectSelectedLayers();
      if (e.key === 'Delete' || e.key === 'Backspace') return e.preventDefault(), s.removeSelection();
      if (e.key === '?' || e.key === 'F1') return runCommand('shortcuts');
      if (e.key === 'Escape') return s.openDialog(null), s.openContextMenu(null);
    };
    const onCopy = (e: ClipboardEvent): void => {
      if (inTextField(e.target) || !e.clipboardData) return;
      const clip = selectionAsGraph();
      if (!clip.nodes.length) return;
      e.preventDefault();
      e.clipboardData.setData('text/plain', JSON.stringify({ [CLIP_KEY]: clip }));
    };
    const onPaste = (e: ClipboardEvent): void => {
      if (inTextField(e.target) || !e.clipboardData) return;
      const text = e.clipboardData.getData('text/plain');
      if (!text) return;
      try {
        const parsed = JSON.parse(text) as Record<string, Graph>;
        if (parsed && parsed[CLIP_KEY]?.nodes) {
          e.preventDefault();
          const s = useAppStore.getState();
          // Validate by cloning into a fresh graph: only known shapes survive.
          const next = cloneLayers({ nodes: [], edges: [] }, parsed[CLIP_KEY], 0);
          if (next.nodes.length) pasteLayers(next);
          else s.notify('Nothing to paste.');
          return;
        }
      } catch {
        // not our clipboard JSON
      }
      if (text.includes('nnb1:')) {
        e.preventDefault();
        const shared = readShareString(text);
        const s = useAppStore.getState();
        if (!shared.ok) return s.notify(shared.error, 'error');
        if (!confirmDiscard('Open the pasted network? Unsaved changes to this one are lost.')) return;
        openGraph(shared.value.graph, shared.value.name, null, shared.value.doc?.runs);
        s.notify(`Opened the shared network “${shared.value.name}”.`);
      }
    };
    const onBeforeUnload = (e: BeforeUnloadEvent): void => {
      if (selectDirty(useAppStore.getState())) {
        writeAutosave();
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('copy', onCopy);
    window.addEventListener('paste', onPaste);
    window.addEventListener('beforeunload', onBeforeUnload);
    const offMenu = host.onMenu(runCommand);
    // Autosave a few seconds after the last change.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useAppStore.subscribe((state, prev) => {
      if (state.graph !== prev.graph) {
        clearTimeout(timer);
        timer = setTimeout(writeAutosave, 2000);
      }
      const title = `${selectDirty(state) ? '• ' : ''}${state.documentName} — NetBuilder`;
      if (document.title !== title) document.title = title;
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('copy', onCopy);
      window.removeEventListener('paste', onPaste);
      window.removeEventListener('beforeunload', onBeforeUnload);
      offMenu();
      unsubscribe();
      clearTimeout(timer);
    };
  }, []);
}
