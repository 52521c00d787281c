// The renderer's lock-down, kept free of electron imports so it can be unit-tested
// (Electron security checklist: isolation, sandbox, no Node in the page, no navigation away).

/** webPreferences of every NetBuilder window. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

/** The app's own page: the dev server in development, else the built index.html. */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
    // Compared part by part: custom schemes (app:) all have the origin "null".
    return target.protocol === app.protocol && target.host === app.host;
  } catch {
    return false;
  }
}

/**
 * The built page is served from this scheme instead of file:// (Electron's security checklist:
 * file:// pages may read other local files, a custom protocol serves one folder).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'netbuilder';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

/**
 * The file an app:// request may read: inside the renderer folder, or null (404). Refuses other
 * hosts, encoded separators and anything that leaves the folder.
 */
export function appFileFor(url: string, rendererDir: string, join: (...p: string[]) => string, sep: string): { path: string; contentType: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const parts = pathname.split('/').filter((p) => p !== '');
  if (parts.length === 0) parts.push('index.html');
  if (parts.some((p) => p === '..' || p === '.' || p.includes('\\') || p.includes(sep) || p.includes('\0'))) return null;
  const name = parts[parts.length - 1];
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')).toLowerCase() : '';
  const contentType = Object.hasOwn(MIME, ext) ? MIME[ext] : null;
  if (!contentType) return null;
  return { path: join(rendererDir, ...parts), contentType };
}

/**
 * Every permission a page may ask for (camera, geolocation, notifications...) is refused, save
 * writing plain text to the clipboard, which Copy uses.
 */
export function permissionAllowed(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}

/** Links that may be handed to the user's browser (documentation): https only. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
