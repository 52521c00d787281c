import type { Handlers } from './types';

// Replaced by the engine's handlers (src/main/engine) as it lands.
export function trainingHandlers(): Pick<Handlers, 'engine:info' | 'train:start' | 'train:stop'> {
  const unavailable = (): never => {
    throw new Error('The training engine is not available in this build.');
  };
  return { 'engine:info': unavailable, 'train:start': unavailable, 'train:stop': unavailable };
}
