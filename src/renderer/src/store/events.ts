// The engine's events reach the store here, once, for the life of the page.
import type { ApiClient } from '@shared/ipc';
import { useAppStore } from './index';

export function wireEngineEvents(api: ApiClient): void {
  const s = useAppStore.getState;
  api.on('train:batch', (b) => s().batchReceived(b));
  api.on('train:epoch', (m) => s().epochReceived(m));
  api.on('train:finished', (f) => s().runFinished(f));
  api.on('train:boundary', (b) => s().boundaryReceived(b));
}
