import type { ApiClient, EventName, Reply } from '@shared/ipc';
import { decodeMessage } from '@shared/ipc/codec';
import { toFrames } from '@shared/ipc/frames';
import { EventListeners, WS_PATH, type ServerMessage } from '@shared/ipc/transport';

const TOKEN_KEY = 'netbuilder.token';

/** Reads the access token from the page URL (kept for reloads in sessionStorage) and drops it from the address bar. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
  return fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** The contract over the web host's WebSocket: the same ApiClient the preload gives under Electron. */
export function createWsClient(): ApiClient {
  const token = takeToken();
  const pending = new Map<number, (reply: Reply<unknown>) => void>();
  const listeners = new EventListeners();
  let nextId = 1;
  let socket: Promise<WebSocket> | null = null;

  const connect = (): Promise<WebSocket> => {
    if (socket) return socket;
    socket = new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://${window.location.host}${WS_PATH}?token=${encodeURIComponent(token)}`);
      ws.binaryType = 'arraybuffer';
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('Cannot reach the NetBuilder engine. Is the host still running?'));
      ws.onclose = () => {
        socket = null;
        for (const settle of pending.values()) settle({ ok: false, error: 'Connection to the engine was lost.' });
        pending.clear();
      };
      ws.onmessage = (e) => {
        const message = decodeMessage(new Uint8Array(e.data as ArrayBuffer)) as ServerMessage;
        if (message.type === 'event') listeners.emit(message.event, message.payload);
        else {
          pending.get(message.id)?.(message);
          pending.delete(message.id);
        }
      };
    });
    return socket;
  };

  return {
    invoke: async (channel, request) => {
      const ws = await connect();
      const id = nextId++;
      // Throws a clear error before sending anything when the request is over the host's limit.
      const frames = toFrames({ type: 'invoke', id, channel, request });
      const reply = await new Promise<Reply<unknown>>((resolve) => {
        pending.set(id, resolve);
        for (const frame of frames) ws.send(frame);
      });
      if (!reply.ok) throw new Error(reply.error);
      return reply.value as never;
    },
    on: (event: EventName, listener) => {
      void connect().catch(() => undefined);
      return listeners.add(event, listener as (payload: unknown) => void);
    },
  };
}
