// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'bin/'] },
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
            { group: ['@tensorflow/*'], message: 'src/shared must not import tfjs: the engine lives in src/main/engine.' },
            { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'], message: 'src/shared must not import Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    // The renderer reaches the engine only through the contract.
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@tensorflow/*', 'electron', 'node:*', 'fs'], message: 'The renderer talks to the engine only through api (src/renderer/src/host).' }] },
      ],
    },
  },
);
