// Training runs as the UI sees them: options, live series, and how each run ended.
import { create } from 'zustand';
import type { BatchProgress, EpochMetrics, TrainFinished, TrainOptionsInput, TrainStarted } from '@shared/ipc/training';
import type { Graph } from '@shared/graph/model';
import { api } from '../host';
import { TrainOptionsSchema } from '@shared/ipc/training';
import type { RunRecord } from '@shared/training/runs';

export interface Run {
  runId: string;
  started: TrainStarted;
  options: TrainOptionsInput;
  /** Per-batch training points: x is fractional epochs (epoch - 1 + step / steps). */
  batches: { x: number; loss: number; accuracy: number }[];
  last: BatchProgress | null;
  epochs: EpochMetrics[];
  finished: TrainFinished | null;
}

interface TrainingState {
  options: TrainOptionsInput;
  setOptions(patch: Partial<TrainOptionsInput>): void;
  runs: Run[];
  currentRunId: string | null;
  starting: boolean;
  error: string | null;
  start(graph: Graph): Promise<void>;
  stop(): Promise<void>;
  /** Finished runs of the open network, saved with it. */
  history: RunRecord[];
  /** Run ids whose curves are overlaid. */
  overlay: string[];
  toggleOverlay(id: string): void;
  setHistory(runs: RunRecord[]): void;
}

export const DEFAULT_OPTIONS: TrainOptionsInput = {
  dataset: { kind: 'mnist' },
  trainLimit: null,
  validationSplit: 0.1,
  epochs: 1,
  batchSize: 32,
  optimizer: 'adam',
  learningRate: 0.001,
  momentum: 0.9,
  loss: 'categoricalCrossentropy',
  shuffle: true,
  earlyStopping: { enabled: false, monitor: 'val_loss', patience: 2, minDelta: 0, restoreBestWeights: true },
};

function updateRun(runs: Run[], runId: string, f: (r: Run) => Run): Run[] {
  return runs.map((r) => (r.runId === runId ? f(r) : r));
}

export const useTrainingStore = create<TrainingState>()((set, get) => ({
  options: DEFAULT_OPTIONS,
  setOptions: (patch) => set((s) => ({ options: { ...s.options, ...patch } })),
  runs: [],
  currentRunId: null,
  starting: false,
  error: null,
  start: async (graph) => {
    set({ starting: true, error: null });
    try {
      const options = get().options;
      const started = await api.invoke('train:start', { graph, options });
      const run: Run = { runId: started.runId, started, options, batches: [], last: null, epochs: [], finished: null };
      set((s) => ({ runs: [...s.runs, run], currentRunId: run.runId, starting: false }));
    } catch (err) {
      set({ starting: false, error: (err as Error).message });
    }
  },
  stop: async () => {
    const id = get().currentRunId;
    if (id) await api.invoke('train:stop', { runId: id });
  },
  history: [],
  overlay: [],
  toggleOverlay: (id) => set((s) => ({ overlay: s.overlay.includes(id) ? s.overlay.filter((x) => x !== id) : [...s.overlay, id] })),
  setHistory: (runs) => set({ history: runs, overlay: runs.slice(-2).map((r) => r.id), runs: [], currentRunId: null }),
}));

function toRecord(r: Run, f: TrainFinished): RunRecord {
  return {
    id: r.runId,
    startedAt: Date.now() - f.durationMs,
    options: TrainOptionsSchema.parse(r.options),
    backend: r.started.backend,
    trainSamples: r.started.trainSamples,
    stepsPerEpoch: r.started.stepsPerEpoch,
    epochs: r.epochs.map(({ epoch, loss, accuracy, valLoss, valAccuracy, durationMs }) => ({ epoch, loss, accuracy, valLoss, valAccuracy, durationMs })),
    reason: f.reason,
    message: f.message,
    bestEpoch: f.bestEpoch,
    restoredWeightsFromEpoch: f.restoredWeightsFromEpoch,
    testAccuracy: f.testAccuracy,
    testLoss: f.testLoss,
    durationMs: f.durationMs,
  };
}

// Engine events feed the store once, for the life of the page.
api.on('train:batch', (b) => {
  useTrainingStore.setState((s) => ({
    runs: updateRun(s.runs, b.runId, (r) => ({ ...r, last: b, batches: [...r.batches, { x: b.epoch - 1 + b.step / b.steps, loss: b.loss, accuracy: b.accuracy }] })),
  }));
});
api.on('train:epoch', (m) => {
  useTrainingStore.setState((s) => ({ runs: updateRun(s.runs, m.runId, (r) => ({ ...r, epochs: [...r.epochs, m] })) }));
});
api.on('train:finished', (f) => {
  useTrainingStore.setState((s) => {
    const runs = updateRun(s.runs, f.runId, (r) => ({ ...r, finished: f }));
    const run = runs.find((r) => r.runId === f.runId);
    if (!run || f.reason === 'failed') return { runs };
    const record = toRecord(run, f);
    return { runs, history: [...s.history, record], overlay: [...s.overlay, record.id].slice(-4) };
  });
});

export function useCurrentRun(): Run | null {
  return useTrainingStore((s) => s.runs.find((r) => r.runId === s.currentRunId) ?? null);
}
