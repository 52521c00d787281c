import type { HostKind } from '@shared/ipc';
import { appHandlers } from './app';
import { trainingHandlers } from './training';
import type { Handlers } from './types';

/** All command handlers. Each domain contributes its own; the type checks that none is missing. */
export function createHandlers(host: HostKind): Handlers {
  return {
    ...appHandlers(host),
    ...trainingHandlers(),
  };
}

export { createDispatcher } from './dispatch';
export type { HandlerContext, Handlers } from './types';
