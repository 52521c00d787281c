// Which Chromium the end-to-end tests drive, in order: CHROMIUM_PATH, the system's Chromium or
// Chrome, then the browser `npx playwright install chromium` downloads.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const NO_BROWSER =
  'No Chromium for the end-to-end tests: install the Debian/Ubuntu package (`sudo apt-get install chromium`) or Playwright\'s own (`npx playwright install chromium`), or set CHROMIUM_PATH to a Chromium or Chrome executable.';

export type BrowserChoice = { path: string; source: 'CHROMIUM_PATH' | 'system' | 'playwright' } | { error: string };

/** Where Chromium and Chrome install themselves on each platform. */
export function systemBrowserPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    return ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
  }
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter((r): r is string => !!r);
    return roots.flatMap((root) => [join(root, 'Chromium', 'Application', 'chrome.exe'), join(root, 'Google', 'Chrome', 'Application', 'chrome.exe')]);
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
}

export function findChromium(opts: {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Where Playwright keeps the browser it installs (chromium.executablePath()). */
  playwrightPath: string | undefined;
  exists(path: string): boolean;
}): BrowserChoice {
  const fromEnv = opts.env['CHROMIUM_PATH'];
  if (fromEnv) return opts.exists(fromEnv) ? { path: fromEnv, source: 'CHROMIUM_PATH' } : { error: `CHROMIUM_PATH is ${fromEnv}, which does not exist. ${NO_BROWSER}` };
  const system = systemBrowserPaths(opts.platform, opts.env).find((p) => opts.exists(p));
  if (system) return { path: system, source: 'system' };
  if (opts.playwrightPath && opts.exists(opts.playwrightPath)) return { path: opts.playwrightPath, source: 'playwright' };
  return { error: NO_BROWSER };
}

export function findChromiumHere(playwrightPath: string | undefined): BrowserChoice {
  return findChromium({ env: process.env, platform: process.platform, playwrightPath, exists: existsSync });
}
