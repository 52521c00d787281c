import { describe, expect, it } from 'vitest';
import { NO_BROWSER, findChromium } from '../../e2e/browser';

const PLAYWRIGHT = '/home/u/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';
const find = (present: string[], env: NodeJS.ProcessEnv = {}, platform: NodeJS.Platform = 'linux') =>
  findChromium({ env, platform, playwrightPath: PLAYWRIGHT, exists: (p) => present.includes(p) });

describe('the e2e browser', () => {
  it('takes CHROMIUM_PATH first, then the system Chromium, then Playwright\'s own', () => {
    const all = ['/opt/chrome/chrome', '/usr/bin/chromium', PLAYWRIGHT];
    expect(find(all, { CHROMIUM_PATH: '/opt/chrome/chrome' })).toEqual({ path: '/opt/chrome/chrome', source: 'CHROMIUM_PATH' });
    expect(find(all)).toEqual({ path: '/usr/bin/chromium', source: 'system' });
    expect(find(['/usr/bin/google-chrome', PLAYWRIGHT])).toEqual({ path: '/usr/bin/google-chrome', source: 'system' });
    expect(find([PLAYWRIGHT])).toEqual({ path: PLAYWRIGHT, source: 'playwright' });
  });

  it('looks where macOS and Windows install Chromium and Chrome', () => {
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(find([mac, '/usr/bin/chromium'], {}, 'darwin')).toEqual({ path: mac, source: 'system' });
    const win = 'C:\\Program Files/Google/Chrome/Application/chrome.exe';
    const found = find([win], { PROGRAMFILES: 'C:\\Program Files' }, 'win32');
    expect('path' in found && found.path.replace(/\\/g, '/')).toBe(win.replace(/\\/g, '/'));
  });

  it('without any browser, says in one line both ways to get one', () => {
    const none = find([]);
    expect(none).toEqual({ error: NO_BROWSER });
    expect(NO_BROWSER).not.toContain('\n');
    expect(NO_BROWSER).toContain('apt-get install chromium');
    expect(NO_BROWSER).toContain('npx playwright install chromium');
  });

  it('a CHROMIUM_PATH that does not exist is an error, not a silent fallback', () => {
    const r = find(['/usr/bin/chromium'], { CHROMIUM_PATH: '/nowhere/chrome' });
    expect('error' in r && r.error).toMatch(/^CHROMIUM_PATH is \/nowhere\/chrome, which does not exist\./);
  });
});
