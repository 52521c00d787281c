import type { HostKind } from '@shared/ipc';
import { appHandlers } from './app';
import { fileHandlers, type FileDialogs } from './files';
import type { Handlers } from './types';

/** The commands the host answers itself (the engine answers its own, src/engine/handlers.ts); the type checks that none is missing. */
export function createHandlers(host: HostKind, dialogs: FileDialogs | null = null): Handlers {
  return {
    ...appHandlers(host),
    ...fileHandlers(dialogs),
  };
}

export { createDispatcher } from './dispatch';
export { ClientRuns } from './clientRuns';
export type { HandlerContext, Handlers } from './types';
export type { FileDialogs } from './files';
