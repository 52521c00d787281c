// The engine's worker thread: training (and anything else that needs the trained model) runs
// here, off the thread that serves the UI. A small RPC: {id, method, params} in; {id, result |
// error} and {event, payload} out. Other modules add methods with registerMethod().
import { parentPort } from 'node:worker_threads';
import type * as tf from '@tensorflow/tfjs';
import type { Graph } from '@shared/graph/model';
import { TrainOptionsSchema, type TrainOptions } from '@shared/ipc/training';
import { initBackend } from './backend';
import { train } from './trainer';
import { computeMaps } from './maps/method';
import { exportTfjs, getWeights, setWeights } from './weights';
import { buildModel, sameNetwork } from './buildModel';
import type { SavedWeights } from '@shared/ipc/training';
import type { MapsSource } from '@shared/ipc/maps';
import { OptimizerRecorder } from './optimizerTrace';

export type Emit = (event: string, payload: unknown) => void;
type Method = (params: never, emit: Emit) => Promise<unknown> | unknown;

const methods = new Map<string, Method>();

export function registerMethod<P>(name: string, method: (params: P, emit: Emit) => Promise<unknown> | unknown): void {
  methods.set(name, method as Method);
}

/** The model of the latest run (trained, being trained, or loaded from a file), for feature maps and export. */
export const latest: { runId: string | null; model: tf.Sequential | null; graph: Graph | null; training: boolean } = { runId: null, model: null, graph: null, training: false };
/** The one run this engine trains at a time. A stop request is a flag on it: unknown run ids leave nothing behind. */
let active: { runId: string; stop: boolean } | null = null;
/** What the optimizer did during the latest run. */
let recorder: OptimizerRecorder | null = null;

registerMethod('info', () => initBackend());

registerMethod<{ runId: string; graph: Graph; options: TrainOptions; weights?: 'fresh' | 'continue' }>('train', (params, emit) => {
  // A second run would dispose the first one's model under it: one at a time, said plainly.
  if (active) throw new Error('A network is already training. Stop that run, or wait for it to finish, before starting another.');
  const options = TrainOptionsSchema.parse(params.options);
  const from = params.weights === 'continue' ? trainedModelOf(params.graph) : null;
  if (params.weights === 'continue' && !from) throw new Error('This network has no trained weights to continue from (it changed, or was never trained): start over instead.');
  const run = { runId: params.runId, stop: false };
  active = run;
  const done = (): void => {
    if (active === run) active = null;
  };
  return new Promise((resolve, reject) => {
    let started = false;
    train(params.runId, params.graph, options, {
      initialWeights: from?.getWeights(),
      started: (info) => {
        started = true;
        resolve(info);
      },
      modelReady: (model) => {
        recorder?.dispose();
        recorder = new OptimizerRecorder(params.runId, options, model);
        if (latest.model !== model) latest.model?.dispose();
        Object.assign(latest, { runId: params.runId, model, graph: params.graph, training: true });
      },
      batch: (p) => emit('train:batch', p),
      epoch: (m) => emit('train:epoch', m),
      boundary: (b) => emit('train:boundary', b),
      shouldStop: () => run.stop,
    }).then(
      (result) => {
        Object.assign(latest, { runId: params.runId, model: result.model, graph: params.graph, training: false });
        done();
        emit('train:finished', result.finished);
      },
      (err: Error) => {
        done();
        // The trainer disposed the model it built: forget it.
        if (latest.runId === params.runId) Object.assign(latest, { runId: null, model: null, graph: null, training: false });
        if (!started) reject(err);
        else emit('train:finished', { runId: params.runId, reason: 'failed', message: err.message, epochsCompleted: 0, bestEpoch: null, restoredWeightsFromEpoch: null, testLoss: null, testAccuracy: null, confusion: null, classNames: [], durationMs: 0 });
      },
    );
  });
});

registerMethod('optimizerTrace', () => recorder?.trace() ?? null);

registerMethod<{ graph: Graph; source: MapsSource }>('maps', ({ graph, source }) => computeMaps(graph, source, latest));

/** The trained model, when the last run trained this same network (same layers and parameters). */
function trainedModelOf(graph: Graph): tf.Sequential | null {
  return latest.model && latest.graph && sameNetwork(latest.graph, graph) ? latest.model : null;
}

// The trained model, or for an untrained network one freshly built with Keras' initial weights.
registerMethod<{ graph: Graph }>('exportTfjs', async ({ graph }) => {
  const trained = trainedModelOf(graph);
  if (trained) return exportTfjs(trained);
  await initBackend();
  const { model } = buildModel(graph);
  try {
    return await exportTfjs(model);
  } finally {
    model.dispose();
  }
});
registerMethod<{ graph: Graph }>('getWeights', ({ graph }) => {
  const model = trainedModelOf(graph);
  return model ? getWeights(model) : null;
});
registerMethod<{ graph: Graph; weights: SavedWeights }>('setWeights', async ({ graph, weights }) => {
  await initBackend();
  const { model } = buildModel(graph);
  try {
    setWeights(model, weights);
  } catch (err) {
    model.dispose();
    throw err;
  }
  if (latest.model && !latest.training) latest.model.dispose();
  Object.assign(latest, { runId: `loaded-${Date.now()}`, model, graph, training: false });
  return { loaded: true };
});

registerMethod<{ runId: string }>('stop', ({ runId }) => {
  if (active?.runId !== runId) return { stopped: false };
  active.stop = true;
  return { stopped: true };
});

if (parentPort) {
  const port = parentPort;
  const emit: Emit = (event, payload) => port.postMessage({ event, payload });
  port.on('message', async (msg: { id: number; method: string; params: unknown }) => {
    const method = methods.get(msg.method);
    try {
      if (!method) throw new Error(`Unknown engine method ${msg.method}`);
      port.postMessage({ id: msg.id, result: await method(msg.params as never, emit) });
    } catch (err) {
      port.postMessage({ id: msg.id, error: (err as Error).message });
    }
  });
}
