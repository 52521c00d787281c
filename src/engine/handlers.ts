// The engine's part of the contract: one handler per engine command, under the contract's own
// channel name. Requests arrive validated (the dispatcher checked them against the contract's
// schema); each handler infers the graph once and passes the inferred network on.
import { randomUUID } from 'node:crypto';
import type { EngineCommandName, EventSink, HandlerOf } from '@shared/ipc';
import { failedRun } from '@shared/training/failedRun';
import { requireNetwork } from '@shared/shape/network';
import { initBackend } from './backend';
import { buildModel } from './buildModel';
import { latest, trainedModelOf } from './latest';
import { augmentPreview } from './augmentPreview';
import { computeMaps } from './maps/method';
import { OptimizerRecorder } from './optimizerTrace';
import { train } from './trainer';
import { exportTfjs, getWeights, setWeights } from './weights';

export interface EngineContext extends EventSink {
  /** Lets events follow the reply (a run streams progress after train:start answers); call the result when done. */
  keepStreaming(): () => void;
}

export type EngineHandlers = { [K in EngineCommandName]: HandlerOf<K, EngineContext> };

/** The one run this engine trains at a time. A stop request is a flag on it: unknown run ids leave nothing behind. */
let active: { runId: string; stop: boolean } | null = null;
/** What the optimizer did during the latest run. */
let recorder: OptimizerRecorder | null = null;

export const engineHandlers: EngineHandlers = {
  'engine:info': () => initBackend(),

  'train:start': ({ graph, options, weights }, ctx) => {
    // A second run would dispose the first one's model under it: one at a time, said plainly.
    if (active) throw new Error('A network is already training. Stop that run, or wait for it to finish, before starting another.');
    const network = requireNetwork(graph, 'The network cannot be trained yet');
    const from = weights === 'continue' ? trainedModelOf(graph) : null;
    if (weights === 'continue' && !from) throw new Error('This network has no trained weights to continue from (it changed, or was never trained): start over instead.');
    const runId = randomUUID();
    const run = { runId, stop: false };
    active = run;
    const endStream = ctx.keepStreaming();
    return new Promise((resolve, reject) => {
      let started = false;
      train(runId, network, options, {
        initialWeights: from?.getWeights(),
        started: (info) => {
          started = true;
          resolve(info);
        },
        modelReady: (model) => {
          recorder?.dispose();
          recorder = new OptimizerRecorder(runId, options, model);
          if (latest.model !== model) latest.model?.dispose();
          Object.assign(latest, { runId, model, graph, training: true });
        },
        batch: (p) => ctx.emit('train:batch', p),
        epoch: (m) => ctx.emit('train:epoch', m),
        boundary: (b) => ctx.emit('train:boundary', b),
        shouldStop: () => run.stop,
      })
        .then(
          (result) => {
            if (active === run) active = null;
            Object.assign(latest, { runId, model: result.model, graph, training: false });
            ctx.emit('train:finished', result.finished);
          },
          (err: Error) => {
            if (active === run) active = null;
            // The trainer disposed the model it built: forget it.
            if (latest.runId === runId) Object.assign(latest, { runId: null, model: null, graph: null, training: false });
            if (!started) reject(err);
            else ctx.emit('train:finished', failedRun(runId, err.message));
          },
        )
        .finally(endStream);
    });
  },

  'train:stop': ({ runId }) => {
    if (active?.runId !== runId) return { stopped: false };
    active.stop = true;
    return { stopped: true };
  },

  // The trained model, or for an untrained network one freshly built with Keras' initial weights.
  'model:exportTfjs': async ({ graph }) => {
    const trained = trainedModelOf(graph);
    if (trained) return exportTfjs(trained);
    const network = requireNetwork(graph, 'Fix the network first');
    await initBackend();
    const { model } = buildModel(network);
    try {
      return await exportTfjs(model);
    } finally {
      model.dispose();
    }
  },

  'model:getWeights': ({ graph }) => {
    const model = trainedModelOf(graph);
    return model ? getWeights(model) : null;
  },

  'model:setWeights': async ({ graph, weights }) => {
    const network = requireNetwork(graph, 'Fix the network first');
    await initBackend();
    const { model } = buildModel(network);
    try {
      setWeights(model, weights);
    } catch (err) {
      model.dispose();
      throw err;
    }
    if (latest.model && !latest.training) latest.model.dispose();
    Object.assign(latest, { runId: `loaded-${Date.now()}`, model, graph, training: false });
    return { loaded: true };
  },

  'explain:optimizerTrace': () => recorder?.trace() ?? null,

  'augment:preview': (request) => augmentPreview(requireNetwork(request.graph, 'Fix the network first: the preview runs its augmentation layers'), request),

  'maps:compute': ({ graph, source }) => {
    const network = requireNetwork(graph, 'Fix the network first: feature maps need a network that can run');
    return computeMaps(network, source, latest);
  },
};
