import type { CommandName, EventName, EventOf, HostKind, ParsedRequestOf, ResponseOf } from '@shared/ipc';

/** What a handler may do besides answering: push events to the client that called it. */
export interface HandlerContext {
  host: HostKind;
  emit<K extends EventName>(event: K, payload: EventOf<K>): void;
}

export type Handler<K extends CommandName> = (
  request: ParsedRequestOf<K>,
  ctx: HandlerContext,
) => Promise<ResponseOf<K>> | ResponseOf<K>;

/** One implementation per command, transport-free: no electron import anywhere under handlers/. */
export type Handlers = { [K in CommandName]: Handler<K> };
