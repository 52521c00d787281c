import { randomUUID } from 'node:crypto';
import type { EngineInfo, TrainStarted } from '@shared/ipc/training';
import { GraphSchema } from '@shared/serialization';
import { engineClient } from '../engine/client';
import type { Handlers } from './types';

export function trainingHandlers(): Pick<Handlers, 'engine:info' | 'train:start' | 'train:stop'> {
  return {
    'engine:info': () => engineClient().call<EngineInfo>('info'),
    'train:start': async ({ graph, options }, ctx) => {
      const parsed = GraphSchema.safeParse(graph);
      if (!parsed.success) throw new Error(`The network is malformed: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      const client = engineClient();
      client.setListener((event, payload) => ctx.emit(event as never, payload as never));
      return client.call<TrainStarted>('train', { runId: randomUUID(), graph: parsed.data, options });
    },
    'train:stop': ({ runId }) => engineClient().call<{ stopped: boolean }>('stop', { runId }),
  };
}
