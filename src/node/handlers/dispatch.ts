import { z } from 'zod';
import { commands, isCommandName, isEngineCommand, type EngineCommandName, type EventSink, type ParsedRequestOf, type Reply, type ResponseOf } from '@shared/ipc';
import { engineClient } from '../../engine/client';
import type { HandlerContext, Handlers } from './types';

/** Where engine commands go: the engine's worker thread, under the same channel name. */
export interface Engine {
  invoke<K extends EngineCommandName>(channel: K, request: ParsedRequestOf<K>, sink: EventSink): Promise<ResponseOf<K>>;
}

/**
 * Validates a raw request from the UI against the contract's schema, then runs its handler here or
 * forwards it to the engine. Both transports call this, so neither can skip validation, and
 * nothing after it validates again. Never throws: errors become replies.
 */
export function createDispatcher(handlers: Handlers, engine: Engine = engineClient()) {
  return async (channel: unknown, request: unknown, ctx: HandlerContext): Promise<Reply<unknown>> => {
    if (!isCommandName(channel)) return { ok: false, error: `Unknown command "${String(channel)}".` };
    const parsed = commands[channel].request.safeParse(request);
    if (!parsed.success) {
      return { ok: false, error: `Invalid request for "${channel}":\n${z.prettifyError(parsed.error)}` };
    }
    try {
      if (isEngineCommand(channel)) return { ok: true, value: await engine.invoke(channel, parsed.data as never, ctx) };
      const handler = handlers[channel] as (req: unknown, ctx: HandlerContext) => unknown;
      return { ok: true, value: await handler(parsed.data, ctx) };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
