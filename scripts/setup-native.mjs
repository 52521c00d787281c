#!/usr/bin/env node
// `npm run setup:native`: makes @tensorflow/tfjs-node work where its own install cannot.
//
// tfjs-node 4.22's install downloads libtensorflow 2.9.1 and a prebuilt addon; both downloads fail
// on machines without internet and, since 2026, for everyone (403, no addons for new Node ABIs).
// TensorFlow's C library also ships inside the tensorflow-cpu wheel, and the addon compiles from
// the C++ sources in the npm package. So: the package without its install script, the library and
// headers from the wheel (via pip), the addon built with node-gyp against the local Node headers,
// then a smoke test. Nothing in package.json or package-lock.json changes.
//
// Idempotent: the wheel, the stripped libraries and the built addon are cached in .cache/native,
// so a second run (or a run after `npm ci`, which deletes node_modules) takes seconds.
// When something is missing (python3 with pip, g++/make, Node headers, the wheel) it says what and
// how to get it, changes nothing, and exits 1. Options:
//   --check   only report whether native TensorFlow works (exit 0 if it does)
//   --force   rebuild the addon even if a cached one exists
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nativeStatus } from './native.mjs';

const TFJS_NODE = '4.22.0';
const TF_WHEEL = '2.21.0';
// tfjs-node's install script skips its download when it finds libraries with this version suffix.
const TFJS_NODE_LIB_VERSION = '2.9.1';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = join(root, 'node_modules', '@tensorflow', 'tfjs-node');
const cacheDir = join(root, '.cache', 'native');
const libCache = join(cacheDir, `tensorflow-${TF_WHEEL}`);
const addonCache = join(cacheDir, `addon-${TFJS_NODE}-tf${TF_WHEEL}-node-abi${process.versions.modules}-${process.platform}-${process.arch}`);
const statusFile = join(root, 'node_modules', '.netbuilder-native.json');
const args = new Set(process.argv.slice(2));
const started = Date.now();

const say = (line) => console.log(`setup:native: ${line}`);

/** Records the outcome where the engine tests and the app can read why native is unavailable. */
function record(ok, reason) {
  if (!existsSync(join(root, 'node_modules'))) return;
  writeFileSync(statusFile, JSON.stringify({ ok, reason, tensorflow: TF_WHEEL, at: new Date().toISOString() }, null, 2) + '\n');
}

function fail(reason, howTo) {
  console.error(`setup:native: native TensorFlow is not set up: ${reason}`);
  if (howTo) console.error(`setup:native: ${howTo}`);
  console.error('setup:native: nothing was changed; NetBuilder keeps training on WebAssembly.');
  record(false, reason);
  process.exit(1);
}

function run(cmd, argv, options = {}) {
  return spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
}

function onPath(cmd) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, cmd)));
}

function finish(status, what) {
  say(`${what}; smoke test passed: backend "tensorflow", TensorFlow ${status.tensorflow} (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  record(true, `native TensorFlow ${status.tensorflow}`);
  process.exit(0);
}

// 1. Already working (tfjs-node's own install, or an earlier run)? Then only say so.
const addonPath = join(pkgDir, 'lib', 'napi-v8', 'tfjs_binding.node');
if (!args.has('--force') && existsSync(addonPath)) {
  const smoke = nativeStatus(root);
  if (smoke.ok) finish(smoke, 'already set up');
  if (args.has('--check')) fail(`@tensorflow/tfjs-node is installed but does not load (${smoke.why})`, 'run `npm run setup:native -- --force`.');
}
if (args.has('--check')) fail('@tensorflow/tfjs-node is not installed', 'run `npm run setup:native`.');

// 2. Prerequisites, all checked before anything changes.
const python = process.env.PYTHON ?? 'python3';
const haveLibs = existsSync(join(libCache, 'lib', 'libtensorflow_cc.so.2'));
if (!haveLibs && run(python, ['-m', 'pip', '--version']).status !== 0) {
  fail(`${python} with pip was not found (pip fetches TensorFlow's C library from the tensorflow-cpu wheel)`,
    'install it (Debian: `apt-get install python3-pip`), or point PYTHON at a python3 that has pip.');
}
const haveAddon = existsSync(join(addonCache, 'tfjs_binding.node'));
if (!haveAddon || args.has('--force')) {
  const missing = ['g++', 'make'].filter((cmd) => !onPath(cmd));
  if (missing.length) fail(`${missing.join(' and ')} not found (they compile tfjs-node's addon)`, 'install them (Debian: `apt-get install build-essential`).');
}
// Node's own headers, so node-gyp does not try to download them.
const nodeDir = process.env.npm_config_nodedir ?? [dirname(dirname(process.execPath)), '/usr', '/usr/local']
  .find((dir) => existsSync(join(dir, 'include', 'node', 'node_api.h')) && existsSync(join(dir, 'include', 'node', 'common.gypi')));
if ((!haveAddon || args.has('--force')) && !nodeDir) {
  fail(`Node's headers (include/node/node_api.h and common.gypi) were not found next to ${process.execPath}`,
    'install them (Debian: `apt-get install libnode-dev`; nodejs.org builds ship them), or set npm_config_nodedir to the folder holding include/node.');
}
// npm's bundled node-gyp (node-pre-gyp runs it; its own copy is not installed).
function findNodeGyp() {
  const candidates = [];
  if (process.env.npm_config_node_gyp) candidates.push(process.env.npm_config_node_gyp);
  if (process.env.npm_execpath) candidates.push(join(dirname(dirname(process.env.npm_execpath)), 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const npm = run('npm', ['root', '-g']);
  if (npm.status === 0) candidates.push(join(npm.stdout.trim(), 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  try {
    candidates.push(join(dirname(realpathSync(join(dirname(process.execPath), 'npm'))), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  } catch { /* no npm next to node */ }
  candidates.push(join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((path) => existsSync(path));
}
const nodeGyp = findNodeGyp();
if ((!haveAddon || args.has('--force')) && !nodeGyp) {
  fail('node-gyp was not found (npm bundles it)', 'reinstall npm, or set npm_config_node_gyp to node-gyp.js.');
}

// 3. The wheel, into the cache (pip resolves it from its configured index).
mkdirSync(cacheDir, { recursive: true });
const findWheel = () => readdirSync(cacheDir).find((f) => f.startsWith(`tensorflow_cpu-${TF_WHEEL}-`) && f.endsWith('.whl'));
if (!haveLibs && !findWheel()) {
  say(`fetching the tensorflow-cpu ${TF_WHEEL} wheel with pip (only the wheel, no dependencies)...`);
  const pip = run(python, ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', `tensorflow-cpu==${TF_WHEEL}`, '-d', cacheDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (pip.status !== 0 || !findWheel()) {
    const why = `${pip.stderr}`.trim().split('\n').filter((l) => l.startsWith('ERROR')).join(' ') || `pip exited ${pip.status}`;
    fail(`pip could not get the tensorflow-cpu ${TF_WHEEL} wheel (${why})`,
      'check `pip config list` for a package index that has tensorflow-cpu, or put the wheel into .cache/native/.');
  }
}

// 4. Library and headers out of the wheel, stripped, cached once.
if (!haveLibs) {
  say('extracting TensorFlow\'s C library and headers from the wheel...');
  const tmp = `${libCache}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  const extract = `
import sys, zipfile, os, shutil
wheel, out = sys.argv[1], sys.argv[2]
libs = {'tensorflow/libtensorflow_cc.so.2', 'tensorflow/libtensorflow_framework.so.2'}
heads = ('tensorflow/include/tensorflow/c/', 'tensorflow/include/tensorflow/core/platform/',
         'tensorflow/include/tsl/', 'tensorflow/include/xla/tsl/')
found = 0
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if name.endswith('/'):
            continue
        if name in libs:
            dest = os.path.join(out, 'lib', os.path.basename(name)); found += 1
        elif name.startswith(heads):
            dest = os.path.join(out, 'include', name[len('tensorflow/include/'):])
        else:
            continue
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with z.open(name) as src, open(dest, 'wb') as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
sys.exit(0 if found == 2 else 3)
`;
  const py = run(python, ['-c', extract, join(cacheDir, findWheel()), tmp], { stdio: ['ignore', 'inherit', 'pipe'] });
  if (py.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    fail(`the wheel ${findWheel()} does not hold TensorFlow's C library (${py.stderr.trim().split('\n').pop() ?? py.status})`, 'delete it from .cache/native/ and run again.');
  }
  if (onPath('strip')) {
    for (const lib of ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2']) run('strip', ['--strip-unneeded', join(tmp, 'lib', lib)]);
  } else {
    say('strip not found: keeping the unstripped libraries (about 250 MB larger).');
  }
  rmSync(libCache, { recursive: true, force: true });
  cpSync(tmp, libCache, { recursive: true });
  rmSync(tmp, { recursive: true, force: true });
  // The wheel is no longer needed once the libraries are cached.
  rmSync(join(cacheDir, findWheel()), { force: true });
}

// 5. The package itself, without its install script (which would download), keeping package.json
//    and the lock as they are.
let installedNow = false;
const pkgVersion = () => {
  try { return JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version; } catch { return null; }
};
if (pkgVersion() !== TFJS_NODE || !existsSync(join(pkgDir, 'binding.gyp'))) {
  say(`installing @tensorflow/tfjs-node ${TFJS_NODE} without its download script...`);
  const npm = run('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `@tensorflow/tfjs-node@${TFJS_NODE}`], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  if (npm.status !== 0 || pkgVersion() !== TFJS_NODE) fail(`npm could not install @tensorflow/tfjs-node ${TFJS_NODE} (${npm.stderr.trim().split('\n').pop()})`);
  installedNow = true;
}

/** Removes what this run added, so a failed build leaves the app on wasm as before. */
function undo() {
  if (installedNow) rmSync(pkgDir, { recursive: true, force: true });
  else rmSync(join(pkgDir, 'lib', 'napi-v8'), { recursive: true, force: true });
}

// 6. deps/: hard links to the cached libraries (same disk: no copy), headers, linker symlinks.
const depsDir = join(pkgDir, 'deps');
rmSync(depsDir, { recursive: true, force: true });
mkdirSync(join(depsDir, 'lib'), { recursive: true });
for (const lib of ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2']) {
  try { linkSync(join(libCache, 'lib', lib), join(depsDir, 'lib', lib)); } catch { copyFileSync(join(libCache, 'lib', lib), join(depsDir, 'lib', lib)); }
}
cpSync(join(libCache, 'include'), join(depsDir, 'include'), { recursive: true });
for (const [link, target] of [['libtensorflow', 'libtensorflow_cc.so.2'], ['libtensorflow_framework', 'libtensorflow_framework.so.2']]) {
  symlinkSync(target, join(depsDir, 'lib', `${link}.so`));
  symlinkSync(target, join(depsDir, 'lib', `${link}.so.${TFJS_NODE_LIB_VERSION}`));
}

// 7. The addon: from the cache, or built with node-pre-gyp + npm's node-gyp against local headers.
mkdirSync(dirname(addonPath), { recursive: true });
if (haveAddon && !args.has('--force')) {
  copyFileSync(join(addonCache, 'tfjs_binding.node'), addonPath);
} else {
  say('compiling the tfjs-node addon against TensorFlow ' + TF_WHEEL + ' (about 30 s)...');
  const preGyp = join(root, 'node_modules', '@mapbox', 'node-pre-gyp', 'bin', 'node-pre-gyp');
  const build = run(process.execPath, [preGyp, 'install', '--build-from-source'], {
    cwd: pkgDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_nodedir: nodeDir, npm_config_node_gyp: nodeGyp },
  });
  if (build.status !== 0 || !existsSync(addonPath)) {
    const log = `${build.stdout}\n${build.stderr}`.trim().split('\n');
    console.error(log.slice(-25).join('\n'));
    undo();
    fail('building the tfjs-node addon failed (the compiler output is above)');
  }
  rmSync(join(pkgDir, 'build'), { recursive: true, force: true });
  mkdirSync(addonCache, { recursive: true });
  copyFileSync(addonPath, join(addonCache, 'tfjs_binding.node'));
}

// 8. Smoke test in a fresh process.
const smoke = nativeStatus(root);
if (!smoke.ok) {
  undo();
  rmSync(addonCache, { recursive: true, force: true });
  fail(`the built addon does not work (${smoke.why})`);
}
finish(smoke, 'native TensorFlow set up');
