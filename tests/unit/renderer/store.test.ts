// The renderer's one store: undo steps (typing in one field is one step), graph edits through it,
// and the training defaults it starts from.
import { beforeEach, describe, expect, it } from 'vitest';
import { TrainOptionsSchema } from '../../../src/shared/training/options';
import { getExample } from '../../../src/shared/examples';
import { engineStoppedRun } from '../../../src/shared/training/failedRun';
import { DEFAULT_TRAIN_OPTIONS, selectCurrentRun, selectEngineStopped, selectHasWeights, selectTrainingStatus, useAppStore } from '../../../src/renderer/src/store';

const store = useAppStore;
const cnn = getExample('mnist-cnn')!.graph;
const denseId = (): string => store.getState().graph.nodes.find((n) => n.kind === 'dense')!.id;
const units = (): unknown => (store.getState().graph.nodes.find((n) => n.kind === 'dense')!.params as { units: number }).units;

beforeEach(() => store.getState().openDocument(cnn, 'MNIST CNN'));

describe('undo merging', () => {
  it('makes one step of several edits to the same field in a row', () => {
    const s = store.getState();
    s.setParams(denseId(), { units: 1 }, 'units');
    s.setParams(denseId(), { units: 12 }, 'units');
    s.setParams(denseId(), { units: 128 }, 'units');
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(units()).toBe(10);
    expect(store.getState().graph).toBe(cnn);
    store.getState().redo();
    expect(units()).toBe(128);
  });

  it('keeps edits to different fields, or to the same field with another edit between, apart', () => {
    const s = store.getState();
    s.setParams(denseId(), { units: 20 }, 'units');
    s.setParams(denseId(), { activation: 'relu' }, 'activation');
    s.setParams(denseId(), { units: 30 }, 'units');
    expect(store.getState().past).toHaveLength(3);
    store.getState().undo();
    expect(units()).toBe(20);
  });

  it('starts a new step after undo, and an edit after undo drops the redo list', () => {
    const s = store.getState();
    s.setParams(denseId(), { units: 20 }, 'units');
    store.getState().undo();
    store.getState().setParams(denseId(), { units: 40 }, 'units');
    expect(store.getState().future).toHaveLength(0);
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(units()).toBe(10);
  });

  it('never merges edits without a key (adding or removing layers)', () => {
    const s = store.getState();
    s.removeLayers([denseId()]);
    const flatten = store.getState().graph.nodes.find((n) => n.kind === 'flatten')!.id;
    store.getState().removeLayers([flatten]);
    expect(store.getState().past).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().graph.nodes.some((n) => n.kind === 'flatten')).toBe(true);
    expect(store.getState().graph.nodes.some((n) => n.kind === 'dense')).toBe(false);
  });

  it('a drag makes one step: checkpoint, then quiet moves', () => {
    const s = store.getState();
    s.checkpoint();
    const moved = (x: number) => ({ ...store.getState().graph, nodes: store.getState().graph.nodes.map((n, i) => (i === 0 ? { ...n, position: { x, y: 0 } } : n)) });
    store.getState().setGraphQuietly(moved(10));
    store.getState().setGraphQuietly(moved(20));
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().graph.nodes[0].position).toEqual(cnn.nodes[0].position);
  });
});

describe('graph edits through the store', () => {
  it('refuses a second input with the reason and changes nothing', () => {
    const before = store.getState().graph;
    const conv = before.nodes.find((n) => n.kind === 'conv2d')!.id;
    const problem = store.getState().connectLayers(conv, denseId());
    expect(problem).toMatch(/already has an input/);
    expect(store.getState().graph).toBe(before);
  });

  it('renames, refusing a name in use', () => {
    expect(store.getState().renameLayer(denseId(), 'flatten')).toMatch(/already named "flatten"/);
    expect(store.getState().renameLayer(denseId(), 'classifier')).toBeNull();
    expect(store.getState().graph.nodes.find((n) => n.id === denseId())!.name).toBe('classifier');
  });

  it('removing a layer removes its connections and its selection', () => {
    store.getState().select([denseId()]);
    const id = denseId();
    store.getState().removeLayers([id]);
    expect(store.getState().graph.edges.some((e) => e.source === id || e.target === id)).toBe(false);
    expect(store.getState().selectedIds).toEqual([]);
  });
});

describe('training defaults', () => {
  it('are the schema defaults (momentum 0 for SGD, as Keras)', () => {
    expect(store.getState().options).toEqual(TrainOptionsSchema.parse({}));
    expect(DEFAULT_TRAIN_OPTIONS.momentum).toBe(0);
  });
});

describe('a sweep in the store', () => {
  const started = (runId: string) => ({ runId, plane: null, task: 'classification' as const, standardization: null, backend: 'wasm' as const, threads: 1, trainSamples: 900, validationSamples: 100, testSamples: 300, stepsPerEpoch: 29 });
  const finished = (runId: string) => ({ runId, reason: 'completed' as const, message: '', epochsCompleted: 1, bestEpoch: 1, restoredWeightsFromEpoch: null, testLoss: 0.9, testAccuracy: 0.6, testMse: null, testMae: null, baseline: null, confusion: null, classNames: [], durationMs: 10 });

  it('records each run with its value and, when done, overlays exactly the sweep’s runs', () => {
    const s = store.getState();
    s.resetTraining([]);
    // An earlier ordinary run stays in the history but leaves the overlay.
    s.runStarted(started('plain'), DEFAULT_TRAIN_OPTIONS, cnn, false);
    s.runFinished(finished('plain'));
    s.sweepStarted({ kind: 'option', option: 'lr' }, [0.001, 0.01]);
    for (const [i, lr] of [0.001, 0.01].entries()) {
      store.getState().sweepRunStarting(i);
      store.getState().runStarted(started(`run-${i}`), { ...DEFAULT_TRAIN_OPTIONS, learningRate: lr }, cnn, false, { param: 'lr', value: lr });
      store.getState().runFinished(finished(`run-${i}`));
      store.getState().sweepResultReceived({ value: lr, runId: `run-${i}`, reason: 'completed', epochs: 1, loss: 1, accuracy: 0.5, mse: null, mae: null, valLoss: 1, valAccuracy: 0.5, valMse: null, valMae: null, testLoss: 0.9, testAccuracy: 0.6, testMse: null, testMae: null, seconds: 0.01 });
    }
    store.getState().sweepEnded();
    const after = store.getState();
    expect(after.history.map((r) => r.sweep ?? null)).toEqual([null, { param: 'lr', value: 0.001 }, { param: 'lr', value: 0.01 }]);
    expect(after.overlay).toEqual(['run-0', 'run-1']);
    expect(after.sweep).toMatchObject({ done: true, index: 2 });
    // Opening another network forgets the sweep with the runs.
    after.resetTraining([]);
    expect(store.getState().sweep).toBe(null);
  });
});

describe('a run the engine died under', () => {
  const started = (runId: string) => ({ runId, plane: null, task: 'classification' as const, standardization: null, backend: 'wasm' as const, threads: 1, trainSamples: 900, validationSamples: 100, testSamples: 300, stepsPerEpoch: 29 });
  const completed = { runId: 'earlier', reason: 'completed' as const, message: '', epochsCompleted: 1, bestEpoch: 1, restoredWeightsFromEpoch: null, testLoss: 0.9, testAccuracy: 0.6, testMse: null, testMae: null, baseline: null, confusion: null, classNames: [], durationMs: 10 };

  it('ends: Train is possible again, it says why, the network and earlier runs stay, the lost weights are forgotten', () => {
    const s = store.getState();
    s.resetTraining([]);
    s.runStarted(started('earlier'), DEFAULT_TRAIN_OPTIONS, cnn, false);
    s.runFinished(completed);
    expect(selectHasWeights(store.getState())).toBe(true);
    store.getState().runStarted(started('dying'), DEFAULT_TRAIN_OPTIONS, cnn, true);
    expect(selectTrainingStatus(store.getState())).toBe('training: epoch 1 of 1');

    const f = engineStoppedRun('dying', 'its thread exited with code 1', 0, 1234);
    store.getState().runFinished(f);
    const after = store.getState();
    expect(selectCurrentRun(after)?.finished).toBe(f);
    expect(selectTrainingStatus(after)).toBeNull();
    expect(selectEngineStopped(after)).toBe(f.message);
    expect(selectHasWeights(after)).toBe(false);
    expect(after.graph).toBe(cnn);
    expect(after.history.map((r) => r.id)).toEqual(['earlier']);
    // The next run clears the message.
    store.getState().runStarted(started('next'), DEFAULT_TRAIN_OPTIONS, cnn, false);
    expect(selectEngineStopped(store.getState())).toBeNull();
  });
});
