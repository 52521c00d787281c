// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Browser globals that code running in Node must not touch.
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement', 'HTMLCanvasElement', 'Image', 'FileReader', 'location'];

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'bin/', '.venv*/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off',
    },
  },
  {
    // Plain Node scripts (start, bench).
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', require: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', Buffer: 'readonly' },
    },
  },
  {
    // Benchmarks pass functions to page.evaluate: their bodies run in the browser.
    files: ['bench/**/*.mjs'],
    rules: { 'no-undef': 'off' },
  },
  {
    // src/shared is pure: it runs the same in the main process, the renderer and Node tests.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'src/shared must not import electron.' },
            { group: ['react', 'react-dom', 'react/*', '@xyflow/*', 'zustand', 'zustand/*'], message: 'src/shared must not import UI code.' },
            { group: ['@tensorflow/*'], message: 'src/shared must not import tfjs: the engine lives in src/engine.' },
            { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'], message: 'src/shared must not import Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    // The engine (src/engine) and the Node-side handlers (src/node) run in the CLI, the web host and
    // Electron's main process alike: no electron, no UI code, no DOM.
    files: ['src/engine/**/*.ts', 'src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'The engine and src/node run without Electron: keep electron in src/main.' },
            { group: ['react', 'react-dom', 'react/*', '@xyflow/*', 'zustand', 'zustand/*'], message: 'The engine must not import UI code.' },
            { group: ['**/main/*', '**/renderer/*', '**/preload/*'], message: 'The engine must not reach into Electron\'s part or the UI.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...DOM_GLOBALS.map((name) => ({ name, message: 'The engine runs in Node: no DOM.' }))],
    },
  },
  {
    // The renderer reaches the engine only through the contract.
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@tensorflow/*', 'electron', 'node:*', 'fs'], message: 'The renderer talks to the engine only through api (src/renderer/src/host).' },
            { group: ['**/engine/*', '**/node/*', '**/main/*'], message: 'The renderer talks to the engine only through api (src/renderer/src/host).' },
          ],
        },
      ],
    },
  },
);
