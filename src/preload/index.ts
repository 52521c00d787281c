import { contextBridge, ipcRenderer } from 'electron';
import type { ApiClient, Reply } from '@shared/ipc';
import { EventListeners, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '@shared/ipc/transport';

// Exposes the contract's two verbs and nothing else. The main process validates every channel
// name and payload, so the renderer cannot reach anything the contract does not name.
const listeners = new EventListeners();

ipcRenderer.on(IPC_EVENT_CHANNEL, (_e, event: string, payload: unknown) => {
  listeners.emit(event, payload);
});

const api: ApiClient = {
  invoke: async (channel, request) => {
    const reply = (await ipcRenderer.invoke(IPC_INVOKE_CHANNEL, channel, request)) as Reply<never>;
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  },
  on: (event, listener) => listeners.add(event, listener as (payload: unknown) => void),
};

contextBridge.exposeInMainWorld('api', api);
