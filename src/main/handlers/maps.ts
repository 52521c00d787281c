import type { MapsReply } from '@shared/ipc/maps';
import { GraphSchema } from '@shared/serialization';
import { inferGraph } from '@shared/shape/infer';
import { engineClient } from '../engine/client';
import type { Handlers } from './types';

export function mapsHandlers(): Pick<Handlers, 'maps:compute'> {
  return {
    'maps:compute': async ({ graph, source }) => {
      const parsed = GraphSchema.safeParse(graph);
      if (!parsed.success) throw new Error('The network is malformed.');
      const info = inferGraph(parsed.data);
      if (!info.valid) throw new Error('Fix the network first: feature maps need a network that can run.');
      return engineClient().call<MapsReply>('maps', { graph: parsed.data, source });
    },
  };
}
