import { describe, expect, it } from 'vitest';
import { isAppUrl, isExternalLinkAllowed, SECURE_WEB_PREFERENCES } from '../../../src/main/security';

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
