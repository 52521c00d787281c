// The renderer's single store (zustand slices pattern): graph, ui, training and sweeps. Panels select one
// field per hook.
import { create } from 'zustand';
import { createGraphSlice, type GraphSlice } from './graphSlice';
import { createTrainingSlice, type TrainingSlice } from './trainingSlice';
import { createUiSlice, type UiSlice } from './uiSlice';
import { createSweepSlice, type SweepSlice } from './sweepSlice';

export type AppState = GraphSlice & UiSlice & TrainingSlice & SweepSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createGraphSlice(...a),
  ...createUiSlice(...a),
  ...createTrainingSlice(...a),
  ...createSweepSlice(...a),
}));

export const selectDirty = (s: AppState): boolean => s.graph !== s.savedGraph;
export { selectCurrentRun, selectEngineStopped, selectHasWeights, selectTrainingProblem, selectTrainingStatus, DEFAULT_TRAIN_OPTIONS, type Run } from './trainingSlice';
export { selectSweeping, type SweepProgress } from './sweepSlice';
export { DOCK_MIN_WIDTH, type DockTab, type Theme } from './uiSlice';
