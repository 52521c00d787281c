import type { ApiClient } from '@shared/ipc';
import { downloadByAnchor } from './download';
import type { Host } from './types';

/** Under Electron: native dialogs, atomic writes and the recent-files list live in the main process. */
export function createElectronHost(api: ApiClient): Host {
  const host: Host = {
    api,
    openFile: async ({ path } = {}) => {
      const file = path ? await api.invoke('file:read', { path }) : await api.invoke('file:open', {});
      return file ? { name: file.name, text: file.text, path: file.path } : null;
    },
    saveFile: async ({ name, path, saveAs, text }) => {
      const saved = await api.invoke('file:save', { path: saveAs ? null : path, suggestedName: name, text: await text(name) });
      return saved ? { name: saved.name, path: saved.path, message: `Saved ${saved.path}.` } : null;
    },
    download: downloadByAnchor,
    recent: {
      list: async () => (await api.invoke('file:recent', {})).map((path) => ({ label: path, at: 0 })),
      open: (entry) => host.openFile({ path: entry.label }),
      remember: () => undefined, // the main process records opened and saved paths itself
    },
    confirm: (message) => window.confirm(message),
    onMenu: (listener) => api.on('menu:command', ({ command, path }) => listener(command, path)),
  };
  return host;
}
