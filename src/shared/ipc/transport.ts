// Names used by the transports. Commands and events are multiplexed over one channel each, so the
// preload exposes two functions and nothing that could reach arbitrary IPC channels.
export const IPC_INVOKE_CHANNEL = 'netbuilder:invoke';
export const IPC_EVENT_CHANNEL = 'netbuilder:event';
export const WS_PATH = '/api';

/** WebSocket messages (encoded with codec.ts). */
export type ClientMessage = { type: 'invoke'; id: number; channel: string; request: unknown };
export type ServerMessage =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string }
  | { type: 'event'; event: string; payload: unknown };

type Listener = (payload: unknown) => void;

/** Who listens to which event, on the page's side of either transport (preload and WebSocket client). */
export class EventListeners {
  private readonly byEvent = new Map<string, Set<Listener>>();

  /** Adds a listener; call the result to remove it. */
  add(event: string, listener: Listener): () => void {
    const set = this.byEvent.get(event) ?? new Set<Listener>();
    set.add(listener);
    this.byEvent.set(event, set);
    return () => void set.delete(listener);
  }

  emit(event: string, payload: unknown): void {
    this.byEvent.get(event)?.forEach((listener) => listener(payload));
  }
}
