import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '@shared/ipc/files';
import { IPC_EVENT_CHANNEL } from '@shared/ipc/transport';

/** The application menu. Items send the renderer the same commands its shortcuts run. */
export function buildMenu(win: BrowserWindow, recent: () => string[]): void {
  const send = (command: MenuCommand, path?: string) => () => win.webContents.send(IPC_EVENT_CHANNEL, 'menu:command', { command, path });
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New', accelerator: 'CmdOrCtrl+N', click: send('new') },
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: send('open') },
        {
          label: 'Open Recent',
          submenu: recent().length ? recent().map((path) => ({ label: path, click: send('open', path) })) : [{ label: 'No recent files', enabled: false }],
        },
        { label: 'Examples…', click: send('examples') },
        { type: 'separator' },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: send('save') },
        { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: send('saveAs') },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        // Undo/redo are the graph's, not the text field's: the renderer decides which applies.
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
        { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: send('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { label: 'Auto Layout', accelerator: 'CmdOrCtrl+L', click: send('layout') },
        { label: 'Fit View', accelerator: 'CmdOrCtrl+0', click: send('fit') },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { label: 'Help', submenu: [{ label: 'Keyboard Shortcuts', accelerator: 'F1', click: send('shortcuts') }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
