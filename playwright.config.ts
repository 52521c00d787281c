import { chromium, defineConfig } from '@playwright/test';
import { findChromiumHere } from './tests/e2e/browser';

// Each spec file starts its own web host (tests/e2e/fixtures.ts) on a free port.
// The browser: CHROMIUM_PATH, else the system's Chromium or Chrome, else Playwright's own.
// Without any, the run stops here with one line saying how to get one, instead of failing every test.
const browser = findChromiumHere(safePlaywrightPath());
if ('error' in browser) {
  console.error(browser.error);
  process.exit(1);
}

function safePlaywrightPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  fullyParallel: false,
  workers: 1,
  reporter: process.env['CI'] ? 'list' : 'line',
  use: {
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: browser.path,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
