import { randomUUID } from 'node:crypto';
import type { EngineInfo, SavedWeights, TfjsExport, TrainStarted } from '@shared/ipc/training';
import { engineClient } from '../../engine/client';
import type { Handlers } from './types';

type TrainingHandlers = Pick<Handlers, 'engine:info' | 'train:start' | 'train:stop' | 'model:exportTfjs' | 'model:getWeights' | 'model:setWeights'>;

export function trainingHandlers(): TrainingHandlers {
  return {
    'engine:info': () => engineClient().call<EngineInfo>('info'),
    'train:start': async ({ graph, options, weights }, ctx) => {
      const client = engineClient();
      const previous = client.setListener((event, payload) => ctx.emit(event as never, payload as never));
      try {
        return await client.call<TrainStarted>('train', { runId: randomUUID(), graph: graph, options, weights });
      } catch (err) {
        // Refused (another run is training): its events keep going to the client that started it.
        client.setListener(previous);
        throw err;
      }
    },
    'train:stop': ({ runId }) => engineClient().call<{ stopped: boolean }>('stop', { runId }),
    'model:exportTfjs': ({ graph }) => engineClient().call<TfjsExport>('exportTfjs', { graph: graph }),
    'model:getWeights': ({ graph }) => engineClient().call<SavedWeights | null>('getWeights', { graph: graph }),
    'model:setWeights': ({ graph, weights }) => engineClient().call<{ loaded: boolean }>('setWeights', { graph: graph, weights }),
  };
}
