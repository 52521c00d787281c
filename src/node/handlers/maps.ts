import type { MapsReply } from '@shared/ipc/maps';
import { inferGraph } from '@shared/shape/infer';
import { engineClient } from '../../engine/client';
import type { Handlers } from './types';

export function mapsHandlers(): Pick<Handlers, 'maps:compute'> {
  return {
    'maps:compute': async ({ graph, source }) => {
      if (!inferGraph(graph).valid) throw new Error('Fix the network first: feature maps need a network that can run.');
      return engineClient().call<MapsReply>('maps', { graph, source });
    },
  };
}
