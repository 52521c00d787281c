#!/usr/bin/env node
// `npm run setup:python`: a Python virtual environment in .venv with TensorFlow (CPU), Keras and
// PyTorch, in which the tests run the exported Keras and PyTorch scripts for real. Uses pip's own
// configuration (index, proxy); nothing else is downloaded. Safe to run again: it only adds what is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const venv = join(root, '.venv');
const python = process.platform === 'win32' ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');
// Pillow: the exported scripts read image folders with it.
const PACKAGES = ['tensorflow-cpu==2.21.0', 'keras', 'torch', 'numpy', 'pillow'];
const CHECK = 'import keras, tensorflow, torch, numpy, PIL; print(tensorflow.__version__, keras.__version__, torch.__version__)';

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
 * Where pip is configured with local package folders (file:// indexes, an offline mirror), ask
 * those only: otherwise pip retries its default index for every package, for minutes where it is
 * unreachable. NETBUILDER_PIP_DEFAULT_INDEX=1 keeps pip's own choice.
 */
function indexArgs() {
  if (process.env.NETBUILDER_PIP_DEFAULT_INDEX === '1') return [];
  const extra = spawnSync(python, ['-m', 'pip', 'config', 'get', 'global.extra-index-url'], { encoding: 'utf8' });
  const urls = extra.status === 0 ? extra.stdout.trim().split(/\s+/).filter(Boolean) : [];
  const local = urls.filter((u) => u.startsWith('file:'));
  if (local.length === 0) return [];
  console.log(`setup:python: using pip's configured local indexes ${local.join(', ')}.`);
  return ['--index-url', local[0], ...local.slice(1).flatMap((u) => ['--extra-index-url', u])];
}

const start = Date.now();
const pip = run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', ...indexArgs(), ...PACKAGES]);
if (pip.status !== 0) fail(`pip could not install ${PACKAGES.join(', ')} (see pip's message above).`);
check = ready();
if (!check || check.status !== 0) fail('the packages installed but do not import.');
console.log(`setup:python: .venv has TensorFlow, Keras and PyTorch (${check.stdout.trim()}) after ${Math.round((Date.now() - start) / 1000)} s.`);
