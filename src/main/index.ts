import { app, BrowserWindow, dialog, protocol, session, shell, type WebContents } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { SECURITY_HEADERS } from '@shared/security/csp';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import type { FileDialogs } from '../node/handlers';
import { APP_SCHEME, APP_URL, appFileFor, isAppUrl as isUrlOf, isExternalLinkAllowed, permissionAllowed, SECURE_WEB_PREFERENCES } from './security';

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const rendererDir = join(__dirname, '../renderer');

/** Only our own page may talk to the engine or navigate (Electron security checklist). */
function isAppUrl(url: string): boolean {
  return isUrlOf(url, devServerUrl ?? APP_URL);
}

// Must happen before the app is ready.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/** Serves the built renderer folder, and nothing else, on app://netbuilder/ with the CSP as a header. */
function serveApp(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFileFor(request.url, rendererDir, join, sep);
    const body = file ? await readFile(file.path).catch(() => null) : null;
    if (!file || !body) return new Response('Not found', { status: 404 });
    return new Response(body, { headers: { 'Content-Type': file.contentType, ...SECURITY_HEADERS } });
  });
}

const recentFile = (): string => join(app.getPath('userData'), 'recent.json');
let mainWindow: BrowserWindow | null = null;

const recent = {
  list(): string[] {
    try {
      const list: unknown = JSON.parse(readFileSync(recentFile(), 'utf8'));
      return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string').slice(0, 10) : [];
    } catch {
      return [];
    }
  },
  add(path: string): void {
    writeFileSync(recentFile(), JSON.stringify([path, ...recent.list().filter((p) => p !== path)].slice(0, 10)));
    if (mainWindow) buildMenu(mainWindow, recent.list);
  },
};

const FILTERS = [{ name: 'NetBuilder network', extensions: ['nnb.json', 'json'] }];
const dialogs: FileDialogs = {
  showOpen: async () => {
    const r = await dialog.showOpenDialog(mainWindow!, { filters: FILTERS, properties: ['openFile'] });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  },
  showSave: async (suggestedName) => {
    const r = await dialog.showSaveDialog(mainWindow!, { filters: FILTERS, defaultPath: `${suggestedName}.nnb.json` });
    return r.canceled ? null : (r.filePath ?? null);
  },
  recent,
};

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    show: false,
    title: 'NetBuilder',
    autoHideMenuBar: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      ...SECURE_WEB_PREFERENCES,
    },
  });
  mainWindow = win;
  buildMenu(win, recent.list);
  win.on('ready-to-show', () => win.show());
  lockDown(win.webContents);
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadURL(APP_URL);
}

function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the user's browser, never in an app window.
    if (isExternalLinkAllowed(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(() => {
  serveApp();
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionAllowed(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => permissionAllowed(permission));
  registerIpc((_contents, url) => isAppUrl(url), dialogs);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
