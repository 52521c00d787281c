import type { OptimizerTrace } from '@shared/ipc/explain';
import { engineClient } from '../../engine/client';
import type { Handlers } from './types';

export function explainHandlers(): Pick<Handlers, 'explain:optimizerTrace'> {
  return {
    'explain:optimizerTrace': () => engineClient().call<OptimizerTrace | null>('optimizerTrace'),
  };
}
