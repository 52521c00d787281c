// The engine's worker thread: everything that needs tfjs runs here, off the thread that serves the
// UI. It answers the engine's commands under the contract's channel names (protocol.ts); the
// handlers are in handlers.ts.
import { parentPort } from 'node:worker_threads';
import { engineHandlers, type EngineContext } from './handlers';
import type { WorkerMessage, WorkerRequest } from './protocol';

function serve(port: NonNullable<typeof parentPort>): void {
  const post = (message: WorkerMessage): void => port.postMessage(message);
  port.on('message', async ({ id, channel, request }: WorkerRequest) => {
    let streaming = false;
    const ctx: EngineContext = {
      emit: (event, payload) => post({ id, event, payload }),
      keepStreaming: () => {
        streaming = true;
        return () => post({ id, end: true });
      },
    };
    try {
      const handler = engineHandlers[channel] as (request: unknown, ctx: EngineContext) => unknown;
      if (!handler) throw new Error(`Unknown engine command "${String(channel)}".`);
      post({ id, ok: true, value: await handler(request, ctx) });
    } catch (err) {
      post({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
    if (!streaming) post({ id, end: true });
  });
}

if (parentPort) serve(parentPort);
