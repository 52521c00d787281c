import type { EventSink, HandlerOf, HostCommandName, HostKind } from '@shared/ipc';

/** What a handler may do besides answering: push events to the client that called it. */
export interface HandlerContext extends EventSink {
  host: HostKind;
}

/** One implementation per command the host answers itself, transport-free: no electron import anywhere under src/node. */
export type Handlers = { [K in HostCommandName]: HandlerOf<K, HandlerContext> };
