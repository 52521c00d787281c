import { z } from 'zod';
import { commands, isCommandName, type Reply } from '@shared/ipc';
import type { HandlerContext, Handlers } from './types';

/**
 * Validates a raw request from the UI against the contract's schema, then runs its handler.
 * Both transports call this, so neither can skip validation. Never throws: errors become replies.
 */
export function createDispatcher(handlers: Handlers) {
  return async (channel: unknown, request: unknown, ctx: HandlerContext): Promise<Reply<unknown>> => {
    if (!isCommandName(channel)) return { ok: false, error: `Unknown command "${String(channel)}".` };
    const parsed = commands[channel].request.safeParse(request);
    if (!parsed.success) {
      return { ok: false, error: `Invalid request for "${channel}":\n${z.prettifyError(parsed.error)}` };
    }
    try {
      const handler = handlers[channel] as (req: unknown, ctx: HandlerContext) => unknown;
      return { ok: true, value: await handler(parsed.data, ctx) };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
