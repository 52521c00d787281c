import { ipcMain, type WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '@shared/ipc/transport';
import { ClientRuns, createDispatcher, createHandlers, type FileDialogs, type HandlerContext } from '../node/handlers';

/** Binds the contract's handlers to Electron IPC. The only place that uses ipcMain. */
export function registerIpc(isTrustedSender: (contents: WebContents, url: string) => boolean, dialogs: FileDialogs): void {
  const dispatch = createDispatcher(createHandlers('electron', dialogs));
  // Per window: the runs it started, stopped when the window goes away.
  const clients = new Map<WebContents, ClientRuns>();
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (e, channel: unknown, request: unknown) => {
    if (!isTrustedSender(e.sender, e.senderFrame?.url ?? '')) {
      return { ok: false, error: 'Refused: request from an untrusted frame.' };
    }
    let runs = clients.get(e.sender);
    const ctx: HandlerContext = {
      host: 'electron',
      emit: (event, payload) => {
        if (event === 'train:finished') runs?.finished((payload as { runId: string }).runId);
        if (!e.sender.isDestroyed()) e.sender.send(IPC_EVENT_CHANNEL, event, payload);
      },
    };
    if (!runs) {
      const created = new ClientRuns(dispatch);
      runs = created;
      clients.set(e.sender, created);
      e.sender.once('destroyed', () => {
        clients.delete(e.sender);
        void created.stopAll(ctx);
      });
    }
    return runs.call(channel, request, ctx);
  });
}
