import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const { version } = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as { version: string };
const alias = { '@shared': resolve(__dirname, 'src/shared'), '@renderer': resolve(__dirname, 'src/renderer/src') };
const define = { __APP_VERSION__: JSON.stringify(version) };

export default defineConfig({
  main: {
    resolve: { alias },
    define,
    build: {
      rollupOptions: {
        // One Node build for everything that runs outside the renderer: the Electron main
        // process, the web host (browser mode), the CLI, and the engine's worker thread.
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          host: resolve(__dirname, 'src/host/index.ts'),
          cli: resolve(__dirname, 'src/cli/index.ts'),
          engineWorker: resolve(__dirname, 'src/engine/worker.ts'),
          gradWorker: resolve(__dirname, 'src/engine/gradWorker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload cannot require packages: bundle everything it imports.
      externalizeDeps: false,
    },
  },
  renderer: {
    resolve: { alias },
    define,
    plugins: [react()],
  },
});
