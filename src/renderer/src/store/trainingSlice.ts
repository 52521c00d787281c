// Training runs as the UI sees them: options, live series, and how each run ended. Pure state
// transitions; the engine's events reach them through store/events.ts, requests through training/actions.ts.
import type { StateCreator } from 'zustand';
import { TrainOptionsSchema, type TrainOptions } from '@shared/training/options';
import type { BatchProgress, BoundaryGrid, EpochMetrics, TrainFinished, TrainStarted } from '@shared/ipc/training';
import type { RunRecord } from '@shared/training/runs';
import { DATASET_CLASSES, classifierOutputProblem } from '@shared/training/output';
import { untrainableProblem } from '@shared/training/untrainable';
import { intervalMean } from '@shared/training/metrics';
import type { Graph } from '@shared/graph/model';
import { sameNetwork } from '@shared/graph/sameNetwork';
import { firstGraphError } from '@shared/shape/network';
import type { AppState } from './index';

export interface Run {
  runId: string;
  /** The network as it was when the run started (its weights fit only this). */
  graph: Graph;
  /** Started from trained weights rather than fresh ones. */
  continued: boolean;
  started: TrainStarted;
  options: TrainOptions;
  /** Training values per report (the batches since the last one, not the epoch's running mean): x is fractional epochs. */
  batches: { x: number; loss: number; accuracy: number | null; mae: number | null; regLoss: number | null }[];
  last: BatchProgress | null;
  epochs: EpochMetrics[];
  finished: TrainFinished | null;
  /** The latest outputs over the plane (two-feature data), drawn as the decision boundary. */
  boundary: BoundaryGrid | null;
  /** A run of a sweep: the setting it varies and this run's value. */
  sweep?: { param: string; value: number };
}

/** The schema's defaults: one source of truth for what a run uses when nothing is changed. */
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = TrainOptionsSchema.parse({});

export interface TrainingSlice {
  options: TrainOptions;
  setOptions(patch: Partial<TrainOptions>): void;
  runs: Run[];
  currentRunId: string | null;
  starting: boolean;
  trainError: string | null;
  /** Finished runs of the open network, saved with it. */
  history: RunRecord[];
  /** Run ids whose curves are overlaid. */
  overlay: string[];
  /** The network the engine holds trained weights for (after a run, or opened with them). */
  weightsFor: Graph | null;
  weightsLoaded(graph: Graph): void;
  toggleOverlay(id: string): void;
  trainStarting(): void;
  trainFailed(message: string): void;
  runStarted(started: TrainStarted, options: TrainOptions, graph: Graph, continued: boolean, sweep?: Run['sweep']): void;
  batchReceived(b: BatchProgress): void;
  epochReceived(m: EpochMetrics): void;
  runFinished(f: TrainFinished): void;
  boundaryReceived(b: BoundaryGrid): void;
  /** A network was opened (or a new one started): its own history, nothing from the last one. */
  resetTraining(history: RunRecord[]): void;
}

function updateRun(runs: Run[], runId: string, f: (r: Run) => Run): Run[] {
  return runs.map((r) => (r.runId === runId ? f(r) : r));
}

function toRecord(r: Run, f: TrainFinished): RunRecord {
  return {
    id: r.runId,
    startedAt: Date.now() - f.durationMs,
    // A table chosen in a browser travels as its text: the record keeps its name, not a copy.
    options: r.options.dataset.kind === 'csv' ? { ...r.options, dataset: { ...r.options.dataset, text: undefined } } : r.options,
    backend: r.started.backend,
    trainSamples: r.started.trainSamples,
    stepsPerEpoch: r.started.stepsPerEpoch,
    epochs: r.epochs.map(({ epoch, loss, accuracy, valLoss, valAccuracy, mae, valMae, durationMs }) => ({ epoch, loss, accuracy, valLoss, valAccuracy, mae, valMae, durationMs })),
    reason: f.reason,
    message: f.message,
    bestEpoch: f.bestEpoch,
    restoredWeightsFromEpoch: f.restoredWeightsFromEpoch,
    testAccuracy: f.testAccuracy,
    testLoss: f.testLoss,
    testMse: f.testMse,
    testMae: f.testMae,
    durationMs: f.durationMs,
    ...(r.sweep ? { sweep: r.sweep } : {}),
  };
}

export const createTrainingSlice: StateCreator<AppState, [], [], TrainingSlice> = (set) => ({
  options: DEFAULT_TRAIN_OPTIONS,
  setOptions: (patch) => set((s) => ({ options: { ...s.options, ...patch } })),
  runs: [],
  currentRunId: null,
  starting: false,
  trainError: null,
  history: [],
  overlay: [],
  toggleOverlay: (id) => set((s) => ({ overlay: s.overlay.includes(id) ? s.overlay.filter((x) => x !== id) : [...s.overlay, id] })),
  trainStarting: () => set({ starting: true, trainError: null }),
  trainFailed: (message) => set({ starting: false, trainError: message }),
  weightsFor: null,
  weightsLoaded: (graph) => set({ weightsFor: graph }),
  runStarted: (started, options, graph, continued, sweep) =>
    set((s) => ({
      runs: [...s.runs, { runId: started.runId, graph, continued, started, options, batches: [], last: null, epochs: [], finished: null, boundary: null, sweep }],
      currentRunId: started.runId,
      starting: false,
    })),
  batchReceived: (b) =>
    set((s) => ({
      runs: updateRun(s.runs, b.runId, (r) => {
        type Key = 'loss' | 'accuracy' | 'mae' | 'regLoss';
        const at = (p: BatchProgress, key: Key) => ({ epoch: p.epoch, step: p.step, steps: p.steps, mean: p[key] ?? 0 });
        const mean = (key: Key): number | null => (b[key] === null ? null : intervalMean(at(b, key), r.last && at(r.last, key), r.options.batchSize, r.started.trainSamples));
        return { ...r, last: b, batches: [...r.batches, { x: b.epoch - 1 + b.step / b.steps, loss: mean('loss')!, accuracy: mean('accuracy'), mae: mean('mae'), regLoss: mean('regLoss') }] };
      }),
    })),
  epochReceived: (m) => set((s) => ({ runs: updateRun(s.runs, m.runId, (r) => ({ ...r, epochs: [...r.epochs, m] })) })),
  runFinished: (f) =>
    set((s) => {
      const runs = updateRun(s.runs, f.runId, (r) => ({ ...r, finished: f }));
      const run = runs.find((r) => r.runId === f.runId);
      // A dead engine took every trained weight it held with it.
      if (f.engineStopped) return { runs, weightsFor: null };
      if (!run || f.reason === 'failed') return { runs };
      const record = toRecord(run, f);
      return { runs, history: [...s.history, record], overlay: [...s.overlay, record.id].slice(-4), weightsFor: run.graph };
    }),
  boundaryReceived: (b) => set((s) => ({ runs: updateRun(s.runs, b.runId, (r) => ({ ...r, boundary: b })) })),
  resetTraining: (history) => set({ history, overlay: history.slice(-2).map((r) => r.id), runs: [], currentRunId: null, starting: false, trainError: null, weightsFor: null, sweep: null }),
});

export const selectCurrentRun = (s: AppState): Run | null => s.runs.find((r) => r.runId === s.currentRunId) ?? null;

/** The status bar's words while a run starts or goes on (a string, so the bar re-renders only when they change), or null. */
export function selectTrainingStatus(s: AppState): string | null {
  if (s.starting) return 'training: starting…';
  const run = selectCurrentRun(s);
  if (!run || run.finished) return null;
  return `training: epoch ${run.last?.epoch ?? 1} of ${run.options.epochs}`;
}

/** The message of a current run that ended because the engine died, or null. */
export function selectEngineStopped(s: AppState): string | null {
  const f = selectCurrentRun(s)?.finished;
  return f?.engineStopped ? f.message : null;
}

/**
 * Why the open network cannot be trained with the chosen data set yet, or null: the status bar and
 * the Training tab both say this, and the engine checks the same.
 */
export function selectTrainingProblem(s: AppState): string | null {
  const { info, graph } = s;
  if (graph.nodes.length === 0) return 'Add layers and connect them.';
  if (!info.valid) return firstGraphError(info) ?? 'Add layers and connect them.';
  const untrainable = untrainableProblem(graph);
  if (untrainable) return untrainable;
  const output = info.outputId ? info.nodes[info.outputId]?.outputShape : null;
  if (!output) return null;
  const kind = s.options.dataset.kind;
  return classifierOutputProblem(output, DATASET_CLASSES[kind] ?? null, kind === 'mnist' ? 'MNIST' : kind === 'fashion-mnist' ? 'Fashion-MNIST' : undefined);
}

/** Does the engine hold trained weights that fit the open network as it is now? */
export const selectHasWeights = (s: AppState): boolean => s.weightsFor !== null && sameNetwork(s.weightsFor, s.graph);
