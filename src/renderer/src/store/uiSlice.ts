import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export type Theme = 'light' | 'dark';
export type DockTab = 'inspector' | 'summary' | 'training' | 'maps';
export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

/** What a right-click menu is about, and where it opened (client coordinates). */
export interface ContextMenu {
  x: number;
  y: number;
  target: { kind: 'layer'; id: string } | { kind: 'connection'; id: string };
}

export interface UiSlice {
  /** Selected layers. Layers and connections are never selected together. */
  selectedIds: string[];
  select(ids: string[]): void;
  selectedEdgeIds: string[];
  selectEdges(ids: string[]): void;
  contextMenu: ContextMenu | null;
  openContextMenu(menu: ContextMenu | null): void;
  theme: Theme;
  setTheme(theme: Theme): void;
  dockTab: DockTab;
  setDockTab(tab: DockTab): void;
  /** The dock's width in pixels (kept between sessions). */
  dockWidth: number;
  setDockWidth(width: number): void;
  /** The dock over the whole workspace: a larger view for training curves and maps. */
  dockExpanded: boolean;
  setDockExpanded(expanded: boolean): void;
  dialog: 'examples' | 'shortcuts' | 'share' | 'export' | 'compare' | null;
  openDialog(dialog: UiSlice['dialog']): void;
  toasts: Toast[];
  notify(text: string, kind?: Toast['kind']): void;
  dismiss(id: number): void;
  clearToasts(): void;
}

const THEME_KEY = 'netbuilder.theme';
const DOCK_KEY = 'netbuilder.dockWidth';
export const DOCK_MIN_WIDTH = 300;
/** Room the palette and the canvas keep when the dock is widened. */
const DOCK_LEAVES = 520;

function initialDockWidth(): number {
  const saved = typeof localStorage !== 'undefined' ? Number(localStorage.getItem(DOCK_KEY)) : NaN;
  if (Number.isFinite(saved) && saved >= DOCK_MIN_WIDTH) return saved;
  return typeof window !== 'undefined' && window.innerWidth < 1280 ? 320 : 380;
}
let toastId = 1;

function initialTheme(): Theme {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(THEME_KEY) : null;
  if (saved === 'light' || saved === 'dark') return saved;
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  selectedIds: [],
  select: (ids) => {
    const { selectedIds: current, selectedEdgeIds } = get();
    if (ids.length === current.length && ids.every((id, i) => id === current[i]) && selectedEdgeIds.length === 0) return;
    set({ selectedIds: ids, selectedEdgeIds: [] });
  },
  selectedEdgeIds: [],
  selectEdges: (ids) => set({ selectedEdgeIds: ids, selectedIds: [] }),
  contextMenu: null,
  openContextMenu: (contextMenu) => set({ contextMenu }),
  theme: initialTheme(),
  setTheme: (theme) => {
    localStorage.setItem(THEME_KEY, theme);
    set({ theme });
  },
  dockTab: 'inspector',
  setDockTab: (dockTab) => set({ dockTab }),
  dockWidth: initialDockWidth(),
  setDockWidth: (width) => {
    const max = Math.max(DOCK_MIN_WIDTH, (typeof window !== 'undefined' ? window.innerWidth : 1440) - DOCK_LEAVES);
    const dockWidth = Math.round(Math.min(max, Math.max(DOCK_MIN_WIDTH, width)));
    localStorage.setItem(DOCK_KEY, String(dockWidth));
    set({ dockWidth });
  },
  dockExpanded: false,
  setDockExpanded: (dockExpanded) => set({ dockExpanded }),
  dialog: null,
  openDialog: (dialog) => set({ dialog }),
  toasts: [],
  notify: (text, kind = 'info') => {
    const id = toastId++;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { id, kind, text }] }));
    setTimeout(() => get().dismiss(id), kind === 'error' ? 8000 : 4000);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  clearToasts: () => set({ toasts: [] }),
});
