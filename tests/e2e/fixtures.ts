import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startHost, type RunningHost } from '../../src/host/server';

/** A web host serving the built renderer (run `npm run build` first; `npm test` does). */
export const test = base.extend<{ appUrl: string }, { host: RunningHost }>({
  host: [
    async ({}, use) => {
      const host = await startHost({ rendererDir: join(__dirname, '../../out/renderer') });
      await use(host);
      await host.close();
    },
    { scope: 'worker' },
  ],
  appUrl: async ({ host }, use) => use(host.url),
});

export { expect } from '@playwright/test';
