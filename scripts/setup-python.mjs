#!/usr/bin/env node
// `npm run setup:python`: a Python virtual environment in .venv with TensorFlow (CPU), Keras and
// PyTorch, in which the tests run the exported Keras and PyTorch scripts for real. Uses pip's own
// configuration (index, proxy); nothing else is downloaded. Safe to run again: it only adds what is missing.
import { spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const venv = join(root, '.venv');
const python = process.platform === 'win32' ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');
const PACKAGES = ['tensorflow-cpu==2.21.0', 'keras', 'torch', 'numpy'];
const CHECK = 'import keras, tensorflow, torch, numpy; print(tensorflow.__version__, keras.__version__, torch.__version__)';

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' }, ...opts });
}

function fail(why) {
  console.error(`setup:python: ${why}`);
  console.error('The export tests will be reported as skipped until this works (or set NETBUILDER_PYTHON to a Python that has them).');
  process.exit(1);
}

const ready = () => existsSync(python) && run(python, ['-c', CHECK], { stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' });
let check = ready();
if (check && check.status === 0) {
  console.log(`setup:python: .venv already has TensorFlow, Keras and PyTorch (${check.stdout.trim()}).`);
  process.exit(0);
}
if (!existsSync(python)) {
  const base = process.platform === 'win32' ? 'python' : 'python3';
  const made = run(base, ['-m', 'venv', venv]);
  if (made.error || made.status !== 0) fail(`could not create .venv with "${base} -m venv" (Debian/Ubuntu: sudo apt-get install python3-venv).`);
}
/**
 * Where pypi.org cannot be reached but pip is configured with local extra indexes (an offline
 * mirror), ask those only: otherwise pip retries pypi.org for every package, for minutes.
 */
async function indexArgs() {
  const reachable = await Promise.race([lookup('pypi.org').then(() => true, () => false), new Promise((r) => setTimeout(() => r(false), 3000))]);
  if (reachable) return [];
  const extra = spawnSync(python, ['-m', 'pip', 'config', 'get', 'global.extra-index-url'], { encoding: 'utf8' });
  const urls = extra.status === 0 ? extra.stdout.trim().split(/\s+/).filter(Boolean) : [];
  if (urls.length === 0) return [];
  console.log(`setup:python: pypi.org is unreachable; using pip's configured indexes ${urls.join(', ')}.`);
  return ['--index-url', urls[0], ...urls.slice(1).flatMap((u) => ['--extra-index-url', u])];
}

const start = Date.now();
const pip = run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', ...(await indexArgs()), ...PACKAGES]);
if (pip.status !== 0) fail(`pip could not install ${PACKAGES.join(', ')} (see pip's message above).`);
check = ready();
if (!check || check.status !== 0) fail('the packages installed but do not import.');
console.log(`setup:python: .venv has TensorFlow, Keras and PyTorch (${check.stdout.trim()}) after ${Math.round((Date.now() - start) / 1000)} s.`);
