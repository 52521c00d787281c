// The renderer's single store (zustand slices pattern). Panels select one field per hook.
import { create } from 'zustand';
import { createGraphSlice, type GraphSlice } from './graphSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type AppState = GraphSlice & UiSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createGraphSlice(...a),
  ...createUiSlice(...a),
}));

export const selectDirty = (s: AppState): boolean => s.graph !== s.savedGraph;
export type { DockTab, Theme } from './uiSlice';
