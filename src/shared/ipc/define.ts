import type { z } from 'zod';

// A command is a request the UI sends and the engine answers once. Its request is validated with
// a zod schema on the receiving side (main process or web host) before any handler sees it; the
// response type is carried only in TypeScript (the engine is trusted, the UI is not).
export interface CommandSpec<S extends z.ZodType, Res> {
  request: S;
  /** Phantom: never set at run time, only carries the response type. */
  readonly __response?: Res;
}

/** `command<Reply>()(requestSchema)`: curried so the reply type can be given and the schema inferred. */
export function command<Res>() {
  return <S extends z.ZodType>(request: S): CommandSpec<S, Res> => ({ request });
}

/** An event is pushed from the engine to the UI (progress of long work). */
export interface EventSpec<P> {
  readonly __payload?: P;
}

export function event<P>(): EventSpec<P> {
  return {};
}
