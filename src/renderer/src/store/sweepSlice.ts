// A sweep as the Training tab sees it: the chosen setting and typed values, and while it runs or
// after, which run it is on and each finished run's row. Its runs are ordinary runs (trainingSlice);
// the loop that starts them is training/sweep.ts.
import type { StateCreator } from 'zustand';
import type { SweepResult, SweepTarget } from '@shared/training/sweep';
import type { AppState } from './index';

export interface SweepProgress {
  target: SweepTarget;
  values: number[];
  /** The run in progress (0-based); equal to values.length once all have run. */
  index: number;
  results: SweepResult[];
  stopping: boolean;
  done: boolean;
}

export interface SweepSlice {
  /** The setting to sweep, by its CLI name ("lr", "dense.units"). */
  sweepParam: string;
  /** The values as typed. */
  sweepText: string;
  sweep: SweepProgress | null;
  setSweepParam(param: string): void;
  setSweepText(text: string): void;
  sweepStarted(target: SweepTarget, values: number[]): void;
  sweepRunStarting(index: number): void;
  sweepResultReceived(result: SweepResult): void;
  sweepStopRequested(): void;
  /** All runs done, or stopped: the sweep's runs are the ones overlaid in the run history. */
  sweepEnded(): void;
}

export const createSweepSlice: StateCreator<AppState, [], [], SweepSlice> = (set) => ({
  sweepParam: 'lr',
  sweepText: '',
  sweep: null,
  setSweepParam: (sweepParam) => set({ sweepParam }),
  setSweepText: (sweepText) => set({ sweepText }),
  sweepStarted: (target, values) => set({ sweep: { target, values, index: 0, results: [], stopping: false, done: false } }),
  sweepRunStarting: (index) => set((s) => (s.sweep ? { sweep: { ...s.sweep, index } } : {})),
  sweepResultReceived: (result) => set((s) => (s.sweep ? { sweep: { ...s.sweep, results: [...s.sweep.results, result] } } : {})),
  sweepStopRequested: () => set((s) => (s.sweep ? { sweep: { ...s.sweep, stopping: true } } : {})),
  sweepEnded: () =>
    set((s) => {
      if (!s.sweep) return {};
      const ids = new Set(s.sweep.results.map((r) => r.runId));
      const overlay = s.history.filter((r) => ids.has(r.id)).map((r) => r.id);
      return { sweep: { ...s.sweep, done: true, index: s.sweep.results.length }, overlay: overlay.length > 0 ? overlay : s.overlay };
    }),
});

/** A sweep is under way (a run training, or the next one about to start). */
export const selectSweeping = (s: AppState): boolean => !!s.sweep && !s.sweep.done;
