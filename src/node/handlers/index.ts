import type { HostKind } from '@shared/ipc';
import { appHandlers } from './app';
import { fileHandlers, type FileDialogs } from './files';
import { trainingHandlers } from './training';
import { mapsHandlers } from './maps';
import { explainHandlers } from './explain';
import type { Handlers } from './types';

/** All command handlers. Each domain contributes its own; the type checks that none is missing. */
export function createHandlers(host: HostKind, dialogs: FileDialogs | null = null): Handlers {
  return {
    ...appHandlers(host),
    ...trainingHandlers(),
    ...fileHandlers(dialogs),
    ...mapsHandlers(),
    ...explainHandlers(),
  };
}

export { createDispatcher } from './dispatch';
export { ClientRuns } from './clientRuns';
export type { HandlerContext, Handlers } from './types';
export type { FileDialogs } from './files';
