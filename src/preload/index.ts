import { contextBridge, ipcRenderer } from 'electron';
import type { ApiClient, Reply } from '@shared/ipc';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '@shared/ipc/transport';

// Exposes the contract's two verbs and nothing else. The main process validates every channel
// name and payload, so the renderer cannot reach anything the contract does not name.
type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(IPC_EVENT_CHANNEL, (_e, event: string, payload: unknown) => {
  listeners.get(event)?.forEach((listener) => listener(payload));
});

const api: ApiClient = {
  invoke: async (channel, request) => {
    const reply = (await ipcRenderer.invoke(IPC_INVOKE_CHANNEL, channel, request)) as Reply<never>;
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  },
  on: (event, listener) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener as Listener);
    listeners.set(event, set);
    return () => set.delete(listener as Listener);
  },
};

contextBridge.exposeInMainWorld('api', api);
