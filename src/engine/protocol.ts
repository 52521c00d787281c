// Messages between the engine client (in the process that serves the UI) and the engine's worker
// thread. Requests carry the contract's own channel names and already-validated requests.
import type { EngineCommandName, EventName } from '@shared/ipc';

export interface WorkerRequest {
  id: number;
  channel: EngineCommandName;
  request: unknown;
}

export type WorkerMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string }
  /** An event pushed by the handler of request `id`, to the client that sent it. */
  | { id: number; event: EventName; payload: unknown }
  /** Request `id` will push no more events. */
  | { id: number; end: true };
