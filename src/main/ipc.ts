import { ipcMain, type WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '@shared/ipc/transport';
import { createDispatcher, createHandlers, type FileDialogs, type HandlerContext } from '../node/handlers';

/** Binds the contract's handlers to Electron IPC. The only place that uses ipcMain. */
export function registerIpc(isTrustedSender: (contents: WebContents, url: string) => boolean, dialogs: FileDialogs): void {
  const dispatch = createDispatcher(createHandlers('electron', dialogs));
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (e, channel: unknown, request: unknown) => {
    if (!isTrustedSender(e.sender, e.senderFrame?.url ?? '')) {
      return { ok: false, error: 'Refused: request from an untrusted frame.' };
    }
    const ctx: HandlerContext = {
      host: 'electron',
      emit: (event, payload) => {
        if (!e.sender.isDestroyed()) e.sender.send(IPC_EVENT_CHANNEL, event, payload);
      },
    };
    return dispatch(channel, request, ctx);
  });
}
