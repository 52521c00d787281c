import { describe, expect, it } from 'vitest';
import { join, sep } from 'node:path';
import { APP_URL, appFileFor, isAppUrl, isExternalLinkAllowed, permissionAllowed, SECURE_WEB_PREFERENCES } from '../../../src/main/security';

describe('renderer lock-down', () => {
  it('isolates the page from Node and Electron', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('lets only the app page navigate and call the engine', () => {
    const built = 'file:///opt/NetBuilder/resources/app/out/renderer/index.html';
    expect(isAppUrl(`${built}#/net`, built)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', built)).toBe(false);
    expect(isAppUrl('https://example.com/', built)).toBe(false);
    const dev = 'http://localhost:5173/';
    expect(isAppUrl('http://localhost:5173/index.html', dev)).toBe(true);
    // A prefix check would let this through; the origin check does not.
    expect(isAppUrl('http://localhost:5173.evil.example/', dev)).toBe(false);
    expect(isAppUrl('not a url', dev)).toBe(false);
  });

  it('hands only https links to the system browser', () => {
    expect(isExternalLinkAllowed('https://keras.io/api/layers/')).toBe(true);
    expect(isExternalLinkAllowed('file:///etc/passwd')).toBe(false);
    expect(isExternalLinkAllowed('javascript:alert(1)')).toBe(false);
    expect(isExternalLinkAllowed('smb://host/share')).toBe(false);
  });
});

describe('the app protocol and permissions', () => {
  const dir = '/opt/NetBuilder/out/renderer';
  const file = (url: string) => appFileFor(url, dir, join, sep);

  it('serves the page from app://netbuilder/ and only files inside the renderer folder', () => {
    expect(file(APP_URL)).toEqual({ path: `${dir}/index.html`, contentType: 'text/html; charset=utf-8' });
    expect(file('app://netbuilder/')).toMatchObject({ path: `${dir}/index.html` });
    expect(file('app://netbuilder/assets/index-abc.js')).toEqual({ path: `${dir}/assets/index-abc.js`, contentType: 'text/javascript; charset=utf-8' });
    // Dot segments, plain or encoded, are resolved by the URL parser before the folder is joined: they stay inside.
    expect(file('app://netbuilder/%2e%2e/%2e%2e/etc/x.js')).toMatchObject({ path: `${dir}/etc/x.js` });
    for (const bad of ['app://netbuilder/../../etc/passwd', 'app://netbuilder/assets%2F..%2F..%2Fsecret.js', 'app://netbuilder/a%5C..%5Cb.js', 'app://netbuilder/x%00.js', 'app://evil/index.html', 'file:///etc/passwd', 'app://netbuilder/%E0%A4%A.js', 'app://netbuilder/secret']) {
      expect({ bad, file: file(bad) }).toEqual({ bad, file: null });
    }
  });

  it('treats only its own scheme and host as the app (custom schemes all have the origin "null")', () => {
    expect(isAppUrl('app://netbuilder/index.html#/x', APP_URL)).toBe(true);
    expect(isAppUrl('app://evil/index.html', APP_URL)).toBe(false);
    expect(isAppUrl('other://netbuilder/index.html', APP_URL)).toBe(false);
    expect(isAppUrl('file:///opt/NetBuilder/out/renderer/index.html', APP_URL)).toBe(false);
  });

  it('refuses every permission a page may request, except writing text to the clipboard', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'display-capture', 'hid', 'serial', 'usb', 'unknown']) {
      expect({ p, allowed: permissionAllowed(p) }).toEqual({ p, allowed: false });
    }
    expect(permissionAllowed('clipboard-sanitized-write')).toBe(true);
  });
});
