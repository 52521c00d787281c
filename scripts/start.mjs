#!/usr/bin/env node
// `npm start`: build, then open the desktop app in Electron; where Electron cannot run (no binary
// and no way to fetch it, or no display), serve the same app on 127.0.0.1 for a browser.
//   npm start                 Electron if possible, else the browser host
//   npm start -- --browser    always the browser host (`npm run host`)
//   npm start -- --port 5199  port for the browser host
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nativeStatus } from './native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);
const browserOnly = args.includes('--browser');

function run(file, argv, options = {}) {
  return spawnSync(process.execPath, [file, ...argv], { cwd: root, stdio: 'inherit', ...options });
}

function build() {
  const result = run(join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), ['build', '--logLevel', 'warn']);
  if (result.status !== 0) {
    console.error('Build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}

/** The Electron binary's path, fetching it once with Electron's own installer where a network allows. */
function findElectron() {
  const resolveBinary = () => {
    try {
      const path = require('electron'); // a string: the binary's path; throws when not downloaded
      return typeof path === 'string' && existsSync(path) ? path : null;
    } catch {
      return null;
    }
  };
  let binary = resolveBinary();
  if (binary) return { binary };
  console.log('The Electron binary is not installed yet; trying to fetch it with Electron\'s installer...');
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const install = run(join(dirname(require.resolve('electron/package.json')), 'install.js'), [], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 300_000,
  });
  binary = resolveBinary();
  if (binary) return { binary };
  const why = String(install.stderr ?? '').split('\n').find((line) => line.trim()) ?? 'unknown error';
  return { reason: `the Electron binary could not be downloaded (${why.trim().slice(0, 160)})` };
}

function hasDisplay() {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function startElectron(binary) {
  const extra = process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const child = spawn(binary, [...extra, root], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

function startBrowserHost(reason) {
  if (reason) console.log(`Not opening a desktop window: ${reason}.\nServing NetBuilder for a browser instead.`);
  const hostArgs = [];
  const portAt = args.indexOf('--port');
  if (portAt >= 0) hostArgs.push('--port', args[portAt + 1]);
  const child = spawn(process.execPath, [join(root, 'out/main/host.js'), ...hostArgs], { cwd: root, stdio: 'inherit' });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

/** Says which backend training will use, and on WebAssembly how to get native TensorFlow. */
function reportBackend() {
  const forced = process.env.NETBUILDER_BACKEND;
  if (forced) return console.log(`Training backend: ${forced} (NETBUILDER_BACKEND).`);
  const native = nativeStatus(root);
  if (native.ok) console.log(`Training backend: native TensorFlow ${native.tensorflow} (@tensorflow/tfjs-node).`);
  else console.log(`Training backend: WebAssembly; native TensorFlow is unavailable (${native.why}).\nFor native TensorFlow (about twice as fast), run \`npm run setup:native\` once, then restart.`);
}

build();
reportBackend();
if (browserOnly) startBrowserHost(null);
else if (!hasDisplay()) startBrowserHost('no display found (DISPLAY is not set)');
else {
  const electron = findElectron();
  if (electron.binary) startElectron(electron.binary);
  else startBrowserHost(electron.reason);
}
